"""Regenerates float_repr.txt and format_spec.txt with CPython (python3 gen_pyfmt.py)."""
import json, random, struct

random.seed(12345)

def bits(x):
    return struct.unpack('<Q', struct.pack('<d', x))[0]

floats = [0.0, -0.0, float('inf'), -float('inf'), float('nan'), 1e16, 1e15, 9999999999999998.0,
          0.0001, 0.00001, 0.00009999, 1e22, 1e-7, 5e-324, 2.2250738585072014e-308,
          1.7976931348623157e308, 0.1, 0.2, 0.3, 0.1 + 0.2, 1 / 3, 2 / 3, 123456789012345678.0,
          2.5e-05, 6.0, 100.0, 1234.5, 0.5, 1.5, 2 ** 0.5, 1e100, 1e-100, 123.456, -123.456,
          float(struct.unpack('<f', struct.pack('<f', 0.1))[0]), 16777216.0, 1e20, 9.999999999999999e22]
for _ in range(90):
    floats.append(struct.unpack('<d', struct.pack('<Q', random.getrandbits(64)))[0])
for _ in range(40):
    floats.append(random.uniform(-1, 1) * 10 ** random.randint(-8, 20))
for _ in range(30):
    f = random.uniform(-1000, 1000)
    floats.append(struct.unpack('<f', struct.pack('<f', f))[0])
with open('float_repr.txt', 'w') as fh:
    for x in floats:
        fh.write('%016x %s\n' % (bits(x), repr(x)))

float_specs = ['', '.4f', '.2e', '>8', '8.3f', '.1%', '+.2f', '08.3f', 'g', '.3g', '.3', '.0f',
               ',.2f', '*^9', ' .1f', '>10.2e', 'e', 'E', 'f', 'F', 'G', '%', '#.0f', '#g', '#.3',
               '#', '=+12.3f', '<10', '^11.2f', '0=12,.1f', '_.3f', 'z.1f', '012', '.10g', '.15',
               '.20f', '3d', 'x', 'xx', '.', '.0e', '.0g', '.0', 'n', '+', '-08.2f', '_', '010,.2f']
float_vals = [2.5, -2.5, 0.0, -0.0, 3.14159265, 1234567.891, 0.000123, 123456.789, 1e-5, 2.675,
              0.125, 3.5, 100.0, 1.0, 12.0, 123456789.0, float('inf'), -float('inf'), float('nan'),
              1e300, -0.04, 9.9996, 0.5, 1e16]
int_specs = ['', 'd', '3d', '>8', '<5', '05d', ',', '_', 'b', 'o', 'x', 'X', '#b', '#o', '#x',
             '#X', '_b', '_x', ',b', 'c', '+d', ' d', '^7', '=+8', '08,', '.2f', 'e', '.3%', 'g',
             '.2', 'z', 's', '+c', '#c', 'n', ',n', '*<6', '010_x', '#010x', 'xx', '.2d']
int_vals = [0, 7, -7, 1234567, 255, -255, 65, 2 ** 62, -(2 ** 63), 1000]
str_specs = ['', 's', '40s', '>10', '^10', '<6', '.2', '*^9.3', '+', '=5', '#', ',s', 'd', 'x<7',
             '010', 'xx']
str_vals = ['loss', 'abcdefgh', '', 'héllo']
bool_specs = ['', '>6', 'd', '05', 'f', 's', 'q', '^5', '#x']

def run(kind, v, spec):
    try:
        out = ['ok', format(v, spec)]
    except Exception as e:
        out = ['err', type(e).__name__ + ': ' + str(e)]
    vv = ('%016x' % bits(v)) if kind == 'float' else v
    return json.dumps([kind, vv, spec] + out, ensure_ascii=False)

with open('format_spec.txt', 'w') as fh:
    for v in float_vals:
        for s in float_specs:
            fh.write(run('float', v, s) + '\n')
    for v in int_vals:
        for s in int_specs:
            fh.write(run('int', v, s) + '\n')
    for v in str_vals:
        for s in str_specs:
            fh.write(run('str', v, s) + '\n')
    for v in (True, False):
        for s in bool_specs:
            fh.write(run('bool', v, s) + '\n')
