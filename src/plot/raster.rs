//! A small RGB raster backend for plotters: alpha-blended pixels (plotters' own
//! rasteriser draws lines, circles and polygons on top of them) and text laid out with
//! ab_glyph glyph by glyph, bearings and kerning included. PNGs are drawn at twice their
//! size and averaged down, which anti-aliases lines and markers.

use ab_glyph::{Font, FontRef, PxScale, ScaleFont, point};
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind};

/// An RGB image being drawn.
pub struct Raster {
    pub w: u32,
    pub h: u32,
    pub rgb: Vec<u8>,
    /// The supersampling factor the image will be shrunk by (thick straight lines snap
    /// to it).
    pub snap: u32,
    font: FontRef<'static>,
}

#[derive(Debug)]
pub struct NoError;

impl std::fmt::Display for NoError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("raster error")
    }
}

impl std::error::Error for NoError {}

impl Raster {
    /// A white image, or `None` if the embedded font does not load.
    pub fn new(w: u32, h: u32, font: &'static [u8]) -> Option<Raster> {
        let font = FontRef::try_from_slice(font).ok()?;
        Some(Raster { w, h, rgb: vec![255; w as usize * h as usize * 3], snap: 1, font })
    }

    fn blend(&mut self, x: i32, y: i32, c: (u8, u8, u8), a: f64) {
        if x < 0 || y < 0 || x >= self.w as i32 || y >= self.h as i32 || a <= 0.0 {
            return;
        }
        let a = a.min(1.0);
        let i = (y as usize * self.w as usize + x as usize) * 3;
        for (k, v) in [c.0, c.1, c.2].into_iter().enumerate() {
            let old = self.rgb[i + k] as f64;
            self.rgb[i + k] = (old + (v as f64 - old) * a).round() as u8;
        }
    }

    /// The image shrunk by `factor` in each direction, averaging each block.
    pub fn downsample(&self, factor: u32) -> (u32, u32, Vec<u8>) {
        let (w, h) = (self.w / factor, self.h / factor);
        let f = factor as usize;
        let mut out = vec![0u8; w as usize * h as usize * 3];
        for y in 0..h as usize {
            for x in 0..w as usize {
                for k in 0..3 {
                    let mut sum = 0u32;
                    for dy in 0..f {
                        for dx in 0..f {
                            sum += self.rgb[((y * f + dy) * self.w as usize + x * f + dx) * 3 + k] as u32;
                        }
                    }
                    out[(y * w as usize + x) * 3 + k] = ((sum as f64) / (f * f) as f64).round() as u8;
                }
            }
        }
        (w, h, out)
    }
}

/// The drawing backend over a borrowed raster (so the pixels can be read afterwards).
pub struct Target<'a>(pub &'a mut Raster);

impl DrawingBackend for Target<'_> {
    type ErrorType = NoError;

    fn get_size(&self) -> (u32, u32) {
        (self.0.w, self.0.h)
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<NoError>> {
        Ok(())
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<NoError>> {
        Ok(())
    }

    fn draw_pixel(&mut self, p: BackendCoord, color: BackendColor) -> Result<(), DrawingErrorKind<NoError>> {
        self.0.blend(p.0, p.1, color.rgb, color.alpha);
        Ok(())
    }

    /// Thick horizontal and vertical lines as filled pixel runs (plotters' polygon
    /// filler drops some of them); everything else through plotters' rasteriser.
    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, style: &S) -> Result<(), DrawingErrorKind<NoError>> {
        let w = style.stroke_width() as i32;
        let c = style.color();
        if w > 1 && (from.0 == to.0 || from.1 == to.1) {
            // Across the line: `w` pixels snapped to the supersampling grid, so a line
            // stays crisp (one full output pixel, not two half-grey ones).
            let snap = self.0.snap.max(1) as i32;
            let across = |p: i32| {
                let start = (p - w / 2).div_euclid(snap) * snap;
                let width = ((w + snap / 2) / snap).max(1) * snap;
                (start, start + width - 1)
            };
            let (x0, x1, y0, y1) = if from.1 == to.1 {
                let (a, b) = across(from.1);
                (from.0.min(to.0), from.0.max(to.0), a, b)
            } else {
                let (a, b) = across(from.0);
                (a, b, from.1.min(to.1), from.1.max(to.1))
            };
            for y in y0..=y1 {
                for x in x0..=x1 {
                    self.0.blend(x, y, c.rgb, c.alpha);
                }
            }
            return Ok(());
        }
        plotters_backend::rasterizer::draw_line(self, from, to, style)
    }

    /// A two-point straight path (an axis line, a tick mark) goes through `draw_line`
    /// so it snaps like the spines; longer paths are polygonised as plotters does.
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, path: I, style: &S) -> Result<(), DrawingErrorKind<NoError>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        let p: Vec<BackendCoord> = path.into_iter().collect();
        if p.len() == 2 && (p[0].0 == p[1].0 || p[0].1 == p[1].1) {
            return self.draw_line(p[0], p[1], style);
        }
        if style.stroke_width() <= 1 {
            for w in p.windows(2) {
                self.draw_line(w[0], w[1], style)?;
            }
            return Ok(());
        }
        let v = plotters_backend::rasterizer::polygonize(&p, style.stroke_width());
        self.fill_polygon(v, &style.color())
    }

    /// Text as plotters lays it out (the box of `estimate_layout`: the advance width and
    /// `size / 1.24` high), with the glyphs centred vertically in that box.
    fn draw_text<S: BackendTextStyle>(&mut self, text: &str, style: &S, pos: BackendCoord) -> Result<(), DrawingErrorKind<NoError>> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let size = style.size() as f32;
        let font = self.0.font.clone();
        let sf = font.as_scaled(PxScale::from(size));
        let mut caret = 0.0f32;
        let mut prev = None;
        let mut glyphs = Vec::new();
        for ch in text.chars() {
            let id = sf.glyph_id(ch);
            if let Some(p) = prev {
                caret += sf.kern(p, id);
            }
            glyphs.push(id.with_scale_and_position(PxScale::from(size), point(caret, 0.0)));
            caret += sf.h_advance(id);
            prev = Some(id);
        }
        let box_w = caret;
        let box_h = size / 1.24;
        let baseline = box_h / 2.0 + (sf.ascent() + sf.descent()) / 2.0;
        let dx = match style.anchor().h_pos {
            HPos::Left => 0.0,
            HPos::Right => -box_w,
            HPos::Center => -box_w / 2.0,
        };
        let dy = match style.anchor().v_pos {
            VPos::Top => 0.0,
            VPos::Center => -box_h / 2.0,
            VPos::Bottom => -box_h,
        };
        let trans = style.transform();
        for g in glyphs {
            let Some(outline) = font.outline_glyph(g) else { continue };
            let b = outline.px_bounds();
            let mut pix = Vec::new();
            outline.draw(|x, y, c| pix.push((x, y, c)));
            for (x, y, c) in pix {
                let lx = (b.min.x + x as f32 + dx).round() as i32;
                let ly = (b.min.y + y as f32 + baseline + dy).round() as i32;
                let (tx, ty) = trans.transform(lx, ly);
                self.0.blend(pos.0 + tx, pos.1 + ty, color.rgb, color.alpha * c as f64);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blend_and_downsample() {
        let mut r = Raster::new(4, 2, dejavu::sans::regular()).expect("font");
        let mut t = Target(&mut r);
        t.draw_pixel((0, 0), BackendColor { alpha: 1.0, rgb: (0, 0, 0) }).unwrap();
        t.draw_pixel((1, 0), BackendColor { alpha: 0.5, rgb: (0, 0, 0) }).unwrap();
        t.draw_pixel((9, 9), BackendColor { alpha: 1.0, rgb: (0, 0, 0) }).unwrap();
        assert_eq!(&r.rgb[0..6], &[0, 0, 0, 128, 128, 128]);
        let (w, h, d) = r.downsample(2);
        assert_eq!((w, h), (2, 1));
        // (0 + 128 + 255 + 255) / 4
        assert_eq!(d[0], 160);
        assert_eq!(d[3], 255);
    }
}
