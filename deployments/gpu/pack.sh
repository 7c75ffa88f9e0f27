#!/usr/bin/env bash
# Packs, on this machine, what the GPU machine needs to run the reader there, into .gpu/ (ignored
# by git; the device tool carries it as `.gpu`):
#   .gpu/java.tar.xz   a jlink'd Java 17 runtime (the GPU machine has no Java)
#   .gpu/lib/          odqa-reader and the jars it needs on CUDA: no CPU natives, no ONNX Runtime,
#                      no tokenizer (the windows come pre-tokenised), no embedding models
#   .gpu/windows.bin.xz  SQuAD-open dev windows pre-tokenised to 384 tokens (bench device --export)
# The reader model travels as it is in the repository (models/reader). The DJL PyTorch JNI for
# the GPU machine's torch is not packed: run.sh expects it as its second argument, built on the
# GPU machine from DJL's public sources (README.md). Usage: deployments/gpu/pack.sh [WINDOWS]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
OUT="$ROOT/.gpu"
WINDOWS="${1:-512}"
JAVA_HOME="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}"

(cd "$ROOT" && mvn -q -B -pl reader -am install -DskipTests)
rm -rf "$OUT"
mkdir -p "$OUT/lib"

# The runtime: the modules DJL, Jackson and picocli use, stripped and compressed.
"$JAVA_HOME/bin/jlink" --add-modules java.base,java.logging,java.management,java.sql,jdk.unsupported \
  --strip-debug --no-header-files --no-man-pages --compress=0 --output "$OUT/java"
XZ_OPT=-9e tar -C "$OUT" -cJf "$OUT/java.tar.xz" java  # xz packs an uncompressed image best
rm -rf "$OUT/java"

# The reader's runtime classpath, less what CUDA serving from pre-tokenised windows never loads.
cp "$ROOT"/reader/target/odqa-reader-*.jar "$OUT/lib/"
tr ':' '\n' < "$ROOT/reader/target/classpath.txt" \
  | grep -v -e pytorch-native-cpu -e pytorch-jni -e onnxruntime -e langchain4j -e /tokenizers/ \
      -e protobuf \
  | while read -r jar; do cp "$jar" "$OUT/lib/"; done

DJL_OFFLINE=true java -cp "$ROOT/reader/target/classes:$(cat "$ROOT/reader/target/classpath.txt")" \
  io.odqa.reader.bench.DeviceBench --model "$ROOT/models/reader" \
  --data "${ODQA_SHARED_DATA:-$ROOT/../shared/data}" --export "$OUT/windows.bin" --count "$WINDOWS"
xz -9 "$OUT/windows.bin"  # mostly padding

du -sh "$OUT"/* | sed 's/^/packed: /'
echo "with the working tree: $(( ($(git -C "$ROOT" ls-files -z | xargs -0 du -cb | tail -1 | cut -f1) \
  + $(du -sb "$OUT" | cut -f1)) / 1048576 )) MiB of the device tool's 64"
