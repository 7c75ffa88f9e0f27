package io.odqa.kg.qa;

import io.odqa.kg.resolve.EntityKey;
import io.odqa.kg.resolve.RelationType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Accumulates triples as int columns and turns them into the per-(relation, direction)
 * compressed adjacency of {@link KbGraph}, with duplicate edges removed.
 */
final class KbGraphBuilder {
  private final Map<String, Integer> ids = new HashMap<>();
  private final List<String> keys = new ArrayList<>();
  private final List<String> names = new ArrayList<>();
  private final Map<String, Integer> relationIds = new HashMap<>();
  private int[] heads = new int[1024];
  private int[] rels = new int[1024];
  private int[] tails = new int[1024];
  private int size;
  private int skipped;

  void add(String[] row) {
    if (row == null || row.length != 3) {
      skipped++;
      return;
    }
    String relation = RelationType.of(row[1]);
    String headKey = EntityKey.of(row[0]);
    String tailKey = EntityKey.of(row[2]);
    if (relation.isEmpty() || headKey.isEmpty() || tailKey.isEmpty()) {
      skipped++;
      return;
    }
    if (size == heads.length) {
      heads = Arrays.copyOf(heads, size * 2);
      rels = Arrays.copyOf(rels, size * 2);
      tails = Arrays.copyOf(tails, size * 2);
    }
    heads[size] = node(headKey, row[0].strip());
    rels[size] = relationIds.computeIfAbsent(relation, r -> relationIds.size());
    tails[size] = node(tailKey, row[2].strip());
    size++;
  }

  private int node(String key, String name) {
    Integer id = ids.get(key);
    if (id == null) {
      id = keys.size();
      ids.put(key, id);
      keys.add(key);
      names.add(name);
    }
    return id;
  }

  KbGraph build() {
    // Sorted relation order makes relation ids, and so enumeration order, independent of
    // the order of the input rows.
    List<String> relations = new ArrayList<>(relationIds.keySet());
    relations.sort(null);
    int[] remap = new int[relations.size()];
    for (int r = 0; r < relations.size(); r++) {
      remap[relationIds.get(relations.get(r))] = r;
    }
    int n = keys.size();
    int[][] offsets = new int[2 * relations.size()][];
    int[][] targets = new int[2 * relations.size()][];
    for (int r = 0; r < relations.size(); r++) {
      for (int dir = 0; dir < 2; dir++) {
        int slot = 2 * r + dir;
        int[] from = dir == 0 ? heads : tails;
        int[] to = dir == 0 ? tails : heads;
        offsets[slot] = new int[n + 1];
        targets[slot] = adjacency(r, remap, from, to, offsets[slot]);
      }
    }
    return KbGraph.assemble(ids, keys.toArray(new String[0]), names.toArray(new String[0]),
        relations, offsets, targets, skipped);
  }

  /** Counting sort of the edges of relation {@code r} by source, then sort+dedupe per node. */
  private int[] adjacency(int r, int[] remap, int[] from, int[] to, int[] off) {
    int n = off.length - 1;
    for (int i = 0; i < size; i++) {
      if (remap[rels[i]] == r) {
        off[from[i] + 1]++;
      }
    }
    for (int v = 0; v < n; v++) {
      off[v + 1] += off[v];
    }
    int[] tgt = new int[off[n]];
    int[] fill = Arrays.copyOf(off, n);
    for (int i = 0; i < size; i++) {
      if (remap[rels[i]] == r) {
        tgt[fill[from[i]]++] = to[i];
      }
    }
    int write = 0;
    int begin = 0;
    for (int v = 0; v < n; v++) {
      int end = off[v + 1];
      Arrays.sort(tgt, begin, end);
      off[v] = write;
      for (int e = begin; e < end; e++) {
        if (e == begin || tgt[e] != tgt[e - 1]) {
          tgt[write++] = tgt[e];
        }
      }
      begin = end;
    }
    off[n] = write;
    return Arrays.copyOf(tgt, write);
  }
}
