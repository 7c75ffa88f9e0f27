#!/usr/bin/env bash
# Runs on the GPU machine, in the repository root the device tool copies there: the reader's
# throughput through qa-service's own reader code (ReaderModel, DJL's PyTorch engine on CUDA) in
# fp32 and fp16, then the Python peer (transformers eager, SDPA, torch.compile) on the same
# weights and windows; prints one JSON object with both sides, their ratio, the logit
# differences and the fraction of the GPU's peak. Files also go to OUT_DIR.
#
# Usage: deployments/gpu/run.sh JAVA_TAR_XZ LIBDJL_TORCH_SO [OUT_DIR]
#   JAVA_TAR_XZ      the jlink'd runtime of deployments/gpu/pack.sh (.gpu/java.tar.xz)
#   LIBDJL_TORCH_SO  DJL 0.36's PyTorch JNI built against this machine's torch (README.md)
# Environment: BATCHES [1,8,32,128], SECONDS [5], PRECISIONS [fp32,fp16], COMPILE [on].
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
JAVA_TAR="$1"
JNI="$2"
OUT_DIR="${3:-${OUT:-/tmp/odqa-gpu}}"
BATCHES="${BATCHES:-1,8,32,128}"
mkdir -p "$OUT_DIR" /tmp/odqa-java
tar -C /tmp/odqa-java -xJf "$JAVA_TAR"
JAVA=/tmp/odqa-java/java/bin/java

# DJL finds the JNI in its cache under the torch version and CUDA flavour it is told.
read -r TORCH_LIB TORCH_VERSION FLAVOR < <(python3 -c 'import os, torch
print(os.path.join(os.path.dirname(torch.__file__), "lib"), torch.__version__.split("+")[0],
      "cu" + torch.version.cuda.replace(".", ""))')
CACHE="$HOME/.djl.ai/pytorch/$TORCH_VERSION-$FLAVOR-linux-x86_64"
mkdir -p "$CACHE"
cp "$JNI" "$CACHE/0.36.0-libdjl_torch.so"
export PYTORCH_LIBRARY_PATH="$TORCH_LIB" PYTORCH_VERSION="$TORCH_VERSION" PYTORCH_FLAVOR="$FLAVOR"
export DJL_OFFLINE=true LD_LIBRARY_PATH="$TORCH_LIB:${LD_LIBRARY_PATH:-}"

# Dense peaks (TFLOP/s) of the SXM parts this machine may be: H100 and H200 share their compute.
case "$(nvidia-smi --query-gpu=name --format=csv,noheader | head -1)" in
  *PCIe*) PEAK="fp32=51.2,fp16=756.5,bf16=756.5" ;;
  *) PEAK="fp32=66.9,fp16=989.4,bf16=989.4" ;;
esac

xz -dkc "$ROOT/.gpu/windows.bin.xz" > /tmp/odqa-windows.bin
"$JAVA" -Xmx8g -cp "$ROOT/.gpu/lib/*" io.odqa.reader.bench.DeviceBench \
  --model "$ROOT/models/reader" --windows /tmp/odqa-windows.bin --device gpu \
  --precisions "${PRECISIONS:-fp32,fp16}" --batches "$BATCHES" \
  --seconds-per-point "${SECONDS_PER_POINT:-5}" --compare 64 \
  --logits-out "$OUT_DIR/djl_logits.bin" --peak-tflops "$PEAK" | tee "$OUT_DIR/djl.log"
tail -n 1 "$OUT_DIR/djl.log" > "$OUT_DIR/djl.json"

PYTHONUNBUFFERED=1 python3 "$ROOT/deployments/gpu/peer.py" --model "$ROOT/models/reader" \
  --windows /tmp/odqa-windows.bin --djl-json "$OUT_DIR/djl.json" \
  --djl-logits "$OUT_DIR/djl_logits.bin" --batches "$BATCHES" --seconds "${SECONDS_PER_POINT:-5}" \
  --compile "${COMPILE:-on}" | tee "$OUT_DIR/peer.log"
tail -n 1 "$OUT_DIR/peer.log" > "$OUT_DIR/result.json"
cat "$OUT_DIR/result.json"
