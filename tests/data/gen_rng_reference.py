#!/usr/bin/env python3
"""Writes tests/data/rng_reference.json from the spec's executable model
(/work/shared/specs/rng_reference.py, standard library only).

Each case starts from a fresh generator with the given seed and runs a list of
ops in sequence.  float32 values are stored as 8-hex-digit bit patterns, float64
as 16-hex-digit bit patterns, integers as ints.  `multinomial` cases come from a
small model in this file (PyTorch's CPU algorithm; not part of the spec's
oracle-verified set)."""
import json
import os
import sys

sys.path.insert(0, os.environ.get('RNG_SPEC_DIR', '/work/shared/specs'))
import rng_reference as R  # noqa: E402


def b32(vals):
    return ['%08x' % R.f32_bits(v) for v in vals]


def b64(vals):
    return ['%016x' % R.f64_bits(v) for v in vals]


def enc(vals, dtype):
    return b32(vals) if dtype == 'float32' else b64(vals)


def multinomial_repl(g, probs, n, dtype):
    """With replacement, one row: cumulative sum (float32 for float32 probs)."""
    f = R.f32 if dtype == 'float32' else (lambda x: x)
    s = 0.0
    cum = []
    for p in probs:
        s = f(s + p)
        cum.append(s)
    cum = [f(c / s) for c in cum]
    cum[-1] = 1.0
    out = []
    for _ in range(n):
        u = R.unit_f64(g)
        lo, hi = 0, len(cum)
        while hi > lo:
            mid = lo + (hi - lo) // 2
            if cum[mid] < u:
                lo = mid + 1
            else:
                hi = mid
        out.append(lo)
    return out


def multinomial_norepl(g, probs, n, dtype):
    """Without replacement: q ~ Exp(1) (double, then dtype), argsort(p / q) desc."""
    import math
    f = R.f32 if dtype == 'float32' else (lambda x: x)
    q = [f((-1.0 / 1.0) * math.log1p(-R.unit_f64(g))) for _ in probs]
    r = [f(p / x) for p, x in zip(probs, q)]
    idx = sorted(range(len(r)), key=lambda i: -r[i])
    return idx[:n]


def run(seed, ops):
    g = R.Generator(seed)
    out = []
    for op in ops:
        kind = op['op']
        dt = op.get('dtype', 'float32')
        if kind == 'u32':
            v = [g.random() for _ in range(op['n'])]
        elif kind == 'rand':
            v = enc(R.rand(g, op['n'], dt), dt)
        elif kind == 'randn':
            v = enc(R.randn(g, op['n'], dt), dt)
        elif kind == 'normal_':
            v = enc(R.normal_(g, op['n'], op['mean'], op['std'], dt), dt)
        elif kind == 'uniform_':
            v = enc(R.uniform_(g, op['n'], op['a'], op['b'], dt), dt)
        elif kind == 'randint':
            v = R.randint(g, op['low'], op['high'], op['n'])
        elif kind == 'randperm':
            v = R.randperm(g, op['n'])[:op.get('keep', op['n'])]
        elif kind == 'bernoulli_scalar':
            v = R.bernoulli_scalar(g, op['n'], op['p'])
        elif kind == 'bernoulli':
            probs = [R.f32(p) for p in op['probs']] if dt == 'float32' else op['probs']
            v = R.bernoulli_tensor(g, probs, dt)
        elif kind == 'dropout':
            v = enc(R.dropout(g, [1.0] * op['n'], op['p'], dt), dt)
        elif kind == 'linear':
            w, b = R.linear_init(g, op['in'], op['out'], True, dt)
            v = {'weight': enc([x for row in w for x in row], dt), 'bias': enc(b, dt)}
        elif kind == 'multinomial':
            probs = [R.f32(p) for p in op['probs']] if dt == 'float32' else op['probs']
            if op['replacement'] and op['n'] > 1:
                v = multinomial_repl(g, probs, op['n'], dt)
            else:
                v = multinomial_norepl(g, probs, op['n'], dt)
        else:
            raise ValueError(kind)
        out.append(dict(op, result=v))
    return {'seed': seed, 'ops': out}


SEQS = {
    'draws': [dict(op='u32', n=8)],
    'rand3': [dict(op='rand', n=3)],
    'rand20': [dict(op='rand', n=20)],
    'randn5': [dict(op='randn', n=5)],
    'randn20': [dict(op='randn', n=20)],
    'randn33': [dict(op='randn', n=33)],
    'randn_cache': [dict(op='randn', n=3), dict(op='randn', n=1), dict(op='randn', n=2),
                    dict(op='randn', n=16), dict(op='randn', n=1)],
    'randint': [dict(op='randint', low=0, high=10, n=5), dict(op='randint', low=-5, high=5, n=6),
                dict(op='randint', low=0, high=2 ** 28 - 1, n=3),
                dict(op='randint', low=0, high=2 ** 28, n=3),
                dict(op='randint', low=7, high=2 ** 40, n=3)],
    'randperm8': [dict(op='randperm', n=8)],
    'randperm100': [dict(op='randperm', n=100, keep=30)],
    'f64': [dict(op='rand', n=3, dtype='float64'), dict(op='randn', n=3, dtype='float64'),
            dict(op='randn', n=20, dtype='float64')],
    'normal_': [dict(op='normal_', n=5, mean=1.5, std=0.3), dict(op='normal_', n=20, mean=-2.0, std=3.0),
                dict(op='normal_', n=5, mean=1.5, std=0.3, dtype='float64'),
                dict(op='normal_', n=21, mean=-2.0, std=3.0, dtype='float64')],
    'uniform_': [dict(op='uniform_', n=8, a=-0.3, b=0.3), dict(op='uniform_', n=8, a=-0.3, b=0.3, dtype='float64'),
                 dict(op='uniform_', n=20, a=1000.0, b=1001.0)],
    'bernoulli': [dict(op='bernoulli_scalar', n=20, p=0.3),
                  dict(op='bernoulli', probs=[0.1, 0.5, 0.9, 0.25, 0.75, 0.5]),
                  dict(op='bernoulli', probs=[0.1, 0.5, 0.9, 0.25, 0.75, 0.5], dtype='float64')],
    'dropout': [dict(op='dropout', n=12, p=0.3), dict(op='dropout', n=12, p=0.3, dtype='float64')],
    'multinomial': [dict(op='multinomial', probs=[0.1, 0.2, 0.3, 0.4], n=6, replacement=True),
                    dict(op='multinomial', probs=[0.1, 0.2, 0.3, 0.4], n=6, replacement=True, dtype='float64'),
                    dict(op='multinomial', probs=[0.1, 0.2, 0.3, 0.4], n=3, replacement=False),
                    dict(op='multinomial', probs=[0.1, 0.2, 0.3, 0.4], n=1, replacement=True, dtype='float64')],
    'linear': [dict(op='linear', **{'in': 4, 'out': 3}), dict(op='linear', **{'in': 3, 'out': 2}),
               dict(op='linear', dtype='float64', **{'in': 4, 'out': 3})],
}


def main():
    cases = []
    for name, ops in SEQS.items():
        for seed in (0, 42):
            c = run(seed, ops)
            c['name'] = name
            cases.append(c)
    # the compat case rng_mixed_sequence (seed 11)
    c = run(11, [dict(op='rand', n=2), dict(op='randn', n=3), dict(op='randint', low=0, high=100, n=3),
                 dict(op='rand', n=2), dict(op='randperm', n=6), dict(op='randn', n=18)])
    c['name'] = 'mixed11'
    cases.append(c)
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'rng_reference.json')
    with open(path, 'w') as fh:
        json.dump({'source': 'specs/rng_reference.py (torch 2.15 CPU, AVX2 kernels)', 'cases': cases}, fh,
                  indent=None, separators=(',', ':'))
        fh.write('\n')


if __name__ == '__main__':
    main()
