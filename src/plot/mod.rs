//! Plotting: the figure model (`model`), tick rules (`ticks`), the terminal renderer
//! (`text`: braille and Unicode, deterministic for a given width and colour setting) and
//! the image backend (`image`: SVG and PNG through plotters). The `matplotlib.pyplot`
//! namespace and the bare `plot`/`scatter`/`hist`/`savefig` builtins that fill the model
//! live in `eval::plt`.

pub mod image;
pub mod json;
pub mod model;
pub mod raster;
pub mod text;
pub mod ticks;

pub use model::{Axes, Color, Figure, Series, SeriesKind};
