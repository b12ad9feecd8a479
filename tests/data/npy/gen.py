# Writes the .npy/.npz fixtures with real NumPy (run from this folder:
# /work/torchenv/bin/python gen.py). `arrays.tsr` builds the same arrays in tsr: tsr's
# np.save output must equal these files byte for byte (tests/files.rs), and `load.tsr`
# (valid Python too) must print what real NumPy prints for them (load.out, written here).
import subprocess, sys
import numpy as np

def base(dt):
    a = np.arange(6).reshape(2, 3)
    if dt == np.bool_:
        return a % 2 == 0
    if np.dtype(dt).kind in "fc":
        return (a - 2.5).astype(dt)
    if np.dtype(dt).kind == "u":
        return (a + 250).astype(dt)
    return (a - 3).astype(dt)

DTYPES = ["bool", "uint8", "int8", "int16", "int32", "int64", "float16", "float32", "float64", "complex64"]
for name in DTYPES:
    np.save(f"{name}.npy", base(np.dtype(name).type))
np.save("scalar_f8.npy", np.array(1.5))
np.save("empty_f4.npy", np.zeros((0, 3), dtype=np.float32))
np.save("special_f8.npy", np.array([np.nan, np.inf, -np.inf, -0.0, 1e-300, 1e300]))
np.save("fortran_i2.npy", np.asfortranarray(np.arange(6, dtype=np.int16).reshape(2, 3)))
np.save("bigendian_f8.npy", np.arange(4, dtype=">f8") / 3)
with open("v2_i4.npy", "wb") as f:
    np.lib.format.write_array(f, np.arange(5, dtype=np.int32), version=(2, 0))
np.save("unsupported_u2.npy", np.arange(3, dtype=np.uint16))
np.save("object.npy", np.array([{"a": 1}], dtype=object), allow_pickle=True)
np.savez("arrays.npz", np.arange(3), w=np.eye(2, dtype=np.float32))
np.savez_compressed("compressed.npz", big=np.zeros(1000), small=np.arange(4, dtype=np.int8))

out = subprocess.run([sys.executable, "load.tsr"], capture_output=True, text=True, check=True).stdout
open("load.out", "w").write(out)
