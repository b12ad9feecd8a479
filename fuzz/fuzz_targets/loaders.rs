//! The file loaders on arbitrary bytes: .npy, .npz, safetensors and torch.load. The first
//! byte picks the loader; whatever loads is printed (repr and table) so that odd dtypes,
//! shapes and strides reach the formatters too. A bad file must raise, never panic or
//! allocate without bound.
#![no_main]
use libfuzzer_sys::fuzz_target;
use tsr::Tensor;

fn show(t: &Tensor) {
    let _ = tsr::format::torch_repr::tensor_repr(t);
    let _ = tsr::format::table::tensor_table(t, &tsr::format::table::TableStyle { width: 80, color: true });
    let _ = tsr::format::json::tensor_json(t);
}

fuzz_target!(|data: &[u8]| {
    tsr::memory::set_limit(Some(64 << 20));
    let Some((&pick, bytes)) = data.split_first() else { return };
    match pick % 4 {
        0 => {
            if let Ok(t) = tsr::io::npy::read(bytes) {
                show(&t);
            }
        }
        1 => {
            if let Ok(ts) = tsr::io::npz::read(bytes) {
                ts.iter().for_each(|(_, t)| show(t));
            }
        }
        2 => {
            if let Ok((ts, _)) = tsr::io::safetensors::load(bytes) {
                ts.iter().for_each(|(_, t)| show(t));
            }
        }
        _ => {
            let _ = tsr::io::torchsave::load(bytes, tsr::io::torchsave::MapLocation::Cpu);
        }
    }
});
