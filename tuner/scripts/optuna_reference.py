"""Reference medians of simple regret from a real Optuna install (made for 3.1.1).

Same test functions, boxes and budgets as io.odqa.tuner.bench.TestFunction; one study per seed
with RandomSampler(seed=s) / TPESampler(seed=s) / TPESampler(seed=s, multivariate=True).
Usage: python optuna_reference.py --seeds 100 [--first-seed 0] [--jobs 2] [--samplers tpe,...]
    [--log runs.jsonl]
Prints one JSON object: per function, per sampler, the median, IQR and the raw regrets; --log also
appends one line per finished run as it goes (runs are ordered seed by seed, so a partial log is
balanced over functions and samplers).
"""
import argparse
import json
import math
import multiprocessing as mp
import warnings

import numpy as np


def branin(x):
    b, c, t = 5.1 / (4 * math.pi**2), 5 / math.pi, 1 / (8 * math.pi)
    return (x[1] - b * x[0] ** 2 + c * x[0] - 6) ** 2 + 10 * (1 - t) * math.cos(x[0]) + 10


ALPHA = [1.0, 1.2, 3.0, 3.2]
A = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8],
     [17, 8, 0.05, 10, 0.1, 14]]
P = [[1312, 1696, 5569, 124, 8283, 5886], [2329, 4135, 8307, 3736, 1004, 9991],
     [2348, 1451, 3522, 2883, 3047, 6650], [4047, 8828, 8732, 5743, 1091, 381]]


def hartmann6(x):
    return -sum(ALPHA[i] * math.exp(-sum(A[i][j] * (x[j] - P[i][j] * 1e-4) ** 2 for j in range(6)))
                for i in range(4))


def rosenbrock(x):
    return sum(100 * (x[i + 1] - x[i] ** 2) ** 2 + (x[i] - 1) ** 2 for i in range(len(x) - 1))


FUNCS = {
    "branin_50": ([(-5, 10), (0, 15)], 50, 0.397887, branin),
    "hartmann6_100": ([(0, 1)] * 6, 100, -3.32237, hartmann6),
    "rosenbrock4_100": ([(-5, 10)] * 4, 100, 0.0, rosenbrock),
}


def one(job):
    import optuna
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    warnings.simplefilter("ignore")
    key, sampler, seed = job
    box, trials, optimum, f = FUNCS[key]
    if sampler == "random":
        s = optuna.samplers.RandomSampler(seed=seed)
    else:
        s = optuna.samplers.TPESampler(seed=seed, multivariate=sampler == "tpe_multivariate")
    study = optuna.create_study(sampler=s)
    study.optimize(lambda t: f([t.suggest_float(f"x{i}", lo, hi) for i, (lo, hi) in enumerate(box)]),
                   n_trials=trials)
    return key, sampler, seed, study.best_value - optimum


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=int, default=30)
    ap.add_argument("--first-seed", type=int, default=0)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--samplers", default="random,tpe,tpe_multivariate")
    ap.add_argument("--log")
    a = ap.parse_args()
    jobs = [(k, s, seed) for seed in range(a.first_seed, a.first_seed + a.seeds)
            for k in FUNCS for s in a.samplers.split(",")]
    log = open(a.log, "a") if a.log else None
    out = {}
    with mp.Pool(a.jobs) as pool:
        for key, sampler, seed, r in pool.imap_unordered(one, jobs):
            out.setdefault(key, {}).setdefault(sampler, {})[seed] = r
            if log:
                log.write(json.dumps({"f": key, "sampler": sampler, "seed": seed, "regret": r}) + "\n")
                log.flush()
    import optuna
    report = {"optuna": optuna.__version__, "seeds": a.seeds, "first_seed": a.first_seed}
    for key, by in out.items():
        report[key] = {}
        for s, d in by.items():
            r = np.array([d[k] for k in sorted(d)])
            q1, med, q3 = np.percentile(r, [25, 50, 75])
            report[key][s] = {"median": round(med, 4), "iqr": round(q3 - q1, 4),
                              "regrets": [round(v, 6) for v in r]}
    print(json.dumps(report))


if __name__ == "__main__":
    main()
