package io.odqa.reader.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AdamW (Loshchilov and Hutter, 2019) with PyTorch's update rule: decoupled weight decay {@code
 * p -= lr * wd * p}, then {@code p -= lr * m_hat / (sqrt(v_hat) + eps)} with bias-corrected
 * moments. It is written on NDArrays rather than taken from DJL's {@code AdamW} because its
 * moments must be saved with a checkpoint: a resumed run has to end with exactly the weights of
 * an uninterrupted one, and DJL's optimizer keeps its state private.
 */
public final class AdamW {
  private final Map<String, Parameter> params;
  private final Map<String, NDArray> m = new LinkedHashMap<>();
  private final Map<String, NDArray> v = new LinkedHashMap<>();
  private final float beta1;
  private final float beta2;
  private final float eps;
  private final float weightDecay;

  /** Optimises {@code params} (by name); moments start at zero. */
  public AdamW(Map<String, Parameter> params, float beta1, float beta2, float eps,
      float weightDecay) {
    this.params = params;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    this.weightDecay = weightDecay;
    params.forEach((name, p) -> {
      m.put(name, p.getArray().zerosLike());
      v.put(name, p.getArray().zerosLike());
    });
  }

  /**
   * Applies update number {@code t} (1-based) with learning rate {@code lr} using each
   * parameter's gradient. Biases and LayerNorm weights get no weight decay, as in the BERT recipe.
   */
  public void step(int t, float lr) {
    float bc1 = 1f - (float) Math.pow(beta1, t);
    float bc2 = 1f - (float) Math.pow(beta2, t);
    for (Map.Entry<String, Parameter> e : params.entrySet()) {
      NDArray p = e.getValue().getArray();
      NDArray g = p.getGradient();
      NDArray mi = m.get(e.getKey());
      NDArray vi = v.get(e.getKey());
      mi.muli(beta1).addi(g.mul(1f - beta1));
      vi.muli(beta2).addi(g.square().muli(1f - beta2));
      if (weightDecay > 0 && decays(e.getKey())) {
        p.subi(p.mul(lr * weightDecay));
      }
      NDArray denom = vi.div(bc2).sqrt().addi(eps);
      p.subi(mi.div(bc1).divi(denom).muli(lr));
    }
  }

  private static boolean decays(String name) {
    return !name.endsWith(".bias") && !name.contains("LayerNorm");
  }

  /** Writes the moments to {@code file} (safetensors, names {@code m.NAME} and {@code v.NAME}). */
  public void save(Path file) throws IOException {
    List<NDArray> all = new ArrayList<>();
    for (String name : params.keySet()) {
      NDArray a = m.get(name).toDevice(ai.djl.Device.cpu(), true);
      a.setName("m." + name);
      NDArray b = v.get(name).toDevice(ai.djl.Device.cpu(), true);
      b.setName("v." + name);
      all.add(a);
      all.add(b);
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      new NDList(all).encode(out, NDList.Encoding.SAFETENSORS);
    }
    for (NDArray a : all) {
      a.close();
    }
  }

  /** Restores moments written by {@link #save}. */
  public void load(Path file, NDManager manager) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      for (NDArray a : NDList.decode(manager, in)) {
        String name = a.getName();
        Map<String, NDArray> target = name.startsWith("m.") ? m : v;
        NDArray current = target.get(name.substring(2));
        if (current == null) {
          throw new IOException(file + ": moment " + name + " matches no parameter");
        }
        current.set(a.toDevice(current.getDevice(), false).toFloatArray());
        a.close();
      }
    }
  }
}
