//! Plot arguments as numbers and styles: tensors, lists and ranges as arrays of floats
//! (what `numpy.asarray` gives matplotlib), colours, markers, line styles and font sizes,
//! with matplotlib's error messages.

use crate::error::{Error, ExcKind, Result};
use crate::eval::args::to_f64;
use crate::eval::value::Value;
use crate::plot::model::{Color, LegendLoc, LineStyle, Marker};
use crate::tensor::Device;

/// A 0-, 1- or 2-D array of floats, row-major.
#[derive(Clone, Debug, PartialEq)]
pub struct Array {
    pub shape: Vec<usize>,
    pub data: Vec<f64>,
}

impl Array {
    /// numpy's shape repr: `(3,)`, `(50, 1)`.
    pub fn shape_str(&self) -> String {
        match self.shape.len() {
            1 => format!("({},)", self.shape[0]),
            _ => format!("({})", self.shape.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", ")),
        }
    }

    /// Rows (the first dimension); a scalar counts as one.
    pub fn rows(&self) -> usize {
        self.shape.first().copied().unwrap_or(1)
    }

    /// Columns as separate series: a 1-D array is one column, an (n, m) array m.
    pub fn columns(&self) -> Vec<Vec<f64>> {
        match self.shape.len() {
            0 | 1 => vec![self.data.clone()],
            _ => {
                let (n, m) = (self.shape[0], self.shape[1]);
                (0..m).map(|j| (0..n).map(|i| self.data[i * m + j]).collect()).collect()
            }
        }
    }
}

/// A plot argument as an array (`numpy.asarray`): a tensor, a Python number, or a list,
/// tuple or range of numbers (nested one level for 2-D).
pub fn to_array(v: &Value) -> Result<Array> {
    match v {
        Value::Tensor(t) => {
            if t.device() != Device::Cpu {
                return Err(Error::type_err(format!(
                    "can't convert {} device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.",
                    t.device()
                )));
            }
            if t.requires_grad() {
                return Err(Error::runtime("Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead."));
            }
            if t.dtype().is_complex() {
                return Err(Error::not_impl("plotting complex values is not supported by tsr (plot .real or .abs())"));
            }
            Ok(Array { shape: t.shape().to_vec(), data: t.to_vec_as::<f64>() })
        }
        Value::Int(_) | Value::Float(_) | Value::Bool(_) => Ok(Array { shape: vec![], data: vec![to_f64(v, "value")?] }),
        Value::Range { .. } | Value::List(_) | Value::Tuple(_) => {
            let items: Vec<Value> = match v {
                Value::Range { start, stop, step } => {
                    let n = crate::eval::value::range_len(*start, *stop, *step);
                    (0..n).map(|k| Value::Int(start + k * step)).collect()
                }
                _ => crate::eval::args::seq_items(v).unwrap_or_default(),
            };
            let parts: Vec<Array> = items.iter().map(to_array).collect::<Result<_>>()?;
            let inner = parts.first().map(|p| p.shape.clone()).unwrap_or_default();
            if parts.iter().any(|p| p.shape != inner) || inner.len() > 1 {
                return Err(Error::value("Input could not be cast to an at-least-1D NumPy array"));
            }
            let mut shape = vec![parts.len()];
            shape.extend(inner);
            Ok(Array { shape, data: parts.into_iter().flat_map(|p| p.data).collect() })
        }
        Value::Str(_) => Err(Error::not_impl("categorical (string) data is not supported by tsr plots")),
        other => Err(Error::type_err(format!(
            "float() argument must be a string or a real number, not '{}'",
            other.type_name()
        ))),
    }
}

const COLOR_HELP: &str = "supported inputs are (r, g, b) and (r, g, b, a) 0-1 float tuples; '#rrggbb', '#rrggbbaa', '#rgb', '#rgba' strings; named color strings; string reprs of 0-1 floats for grayscale values; 'C0', 'C1', ... strings for colors of the color cycle; and pairs combining one of the above with an alpha value";

/// A matplotlib colour: a string, or an (r, g, b[, a]) tuple of floats in [0, 1].
/// Returns the colour and the alpha it carries, if any.
pub fn to_color(interp: &mut crate::eval::Interp, v: &Value) -> Result<(Color, Option<f64>)> {
    let bad = |interp: &mut crate::eval::Interp| {
        let shown = match v {
            Value::Str(s) => format!("'{s}'"),
            other => crate::eval::repr::repr(interp, other),
        };
        Error::value(format!("{shown} is not a valid value for color: {COLOR_HELP}"))
    };
    match v {
        Value::Str(s) => Color::parse(s).ok_or_else(|| bad(interp)),
        Value::Tuple(_) | Value::List(_) => {
            let items = crate::eval::args::seq_items(v).unwrap_or_default();
            let vals: Option<Vec<f64>> = items.iter().map(|x| to_f64(x, "color").ok()).collect();
            match vals {
                Some(c) if (c.len() == 3 || c.len() == 4) && c.iter().all(|x| (0.0..=1.0).contains(x)) => {
                    let b = |x: f64| (x * 255.0).round() as u8;
                    Ok((Color::rgb(b(c[0]), b(c[1]), b(c[2])), c.get(3).copied()))
                }
                _ => Err(bad(interp)),
            }
        }
        _ => Err(bad(interp)),
    }
}

/// A `marker=` value: a one-character code, or `None`/`''` for no marker.
pub fn to_marker(v: &Value) -> Result<Option<Marker>> {
    match v {
        Value::None => Ok(None),
        Value::Str(s) if s.is_empty() || &**s == "None" || &**s == "none" || &**s == " " => Ok(None),
        Value::Str(s) => {
            let mut cs = s.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => Marker::from_code(c).ok_or_else(|| Error::value(format!("Unrecognized marker style '{s}'"))),
                _ => Err(Error::value(format!("Unrecognized marker style '{s}'"))),
            }
            .map(Some)
        }
        other => Err(Error::value(format!("Unrecognized marker style {}", other.type_name()))),
    }
}

/// A `linestyle=` value.
pub fn to_linestyle(v: &Value) -> Result<LineStyle> {
    match v {
        Value::None => Ok(LineStyle::None),
        Value::Str(s) => LineStyle::parse(s).ok_or_else(|| Error::value(format!("'{s}' is not a valid value for ls."))),
        other => Err(Error::value(format!("{} is not a valid value for ls.", other.type_name()))),
    }
}

/// A legend `loc=`: a name or matplotlib's integer code.
pub fn to_loc(v: &Value) -> Result<LegendLoc> {
    let bad = |s: String| Error::value(format!("{s} is not a valid value for loc."));
    match v {
        Value::Str(s) => LegendLoc::parse(s).ok_or_else(|| bad(format!("'{s}'"))),
        Value::Int(i) => LegendLoc::from_code(*i).ok_or_else(|| bad(i.to_string())),
        other => Err(bad(other.type_name())),
    }
}

/// A `fontsize=`: points, or a relative name (`'large'`) scaled from 10 pt.
pub fn to_fontsize(v: &Value) -> Result<f64> {
    if let Value::Str(s) = v {
        let f = match &**s {
            "xx-small" => 0.579,
            "x-small" => 0.694,
            "small" => 0.833,
            "medium" => 1.0,
            "large" => 1.2,
            "x-large" => 1.44,
            "xx-large" => 1.728,
            "larger" => 1.2,
            "smaller" => 0.833,
            _ => {
                return Err(Error::value(format!(
                    "{s} is not a valid font size. Valid font sizes are xx-small, x-small, small, medium, large, x-large, xx-large, larger, smaller, None"
                )));
            }
        };
        return Ok(10.0 * f);
    }
    to_f64(v, "fontsize")
}

/// A number in [0, 1] for `alpha=`.
pub fn to_alpha(v: &Value) -> Result<Option<f64>> {
    if v.is_none() {
        return Ok(None);
    }
    let a = to_f64(v, "alpha")?;
    if !(0.0..=1.0).contains(&a) {
        return Err(Error::value(format!("alpha ({a}) is outside 0-1 range")));
    }
    Ok(Some(a))
}

/// The error for a keyword a matplotlib artist does not have.
pub fn unknown_kw(artist: &str, name: &str) -> Error {
    Error::new(ExcKind::AttributeError, format!("{artist}.set() got an unexpected keyword argument '{name}'"))
}

/// The error for a keyword matplotlib has and tsr does not support.
pub fn unsupported_kw(func: &str, name: &str) -> Error {
    Error::not_impl(format!("{func}(): the keyword '{name}' is not supported by tsr"))
}

/// Artist properties matplotlib accepts that tsr does not draw: asking for them raises
/// NotImplementedError rather than silently dropping them.
pub const KNOWN_ARTIST_PROPS: &[&str] = &[
    "zorder", "markerfacecolor", "mfc", "markeredgecolor", "mec", "markeredgewidth", "mew", "drawstyle", "ds",
    "dashes", "antialiased", "aa", "solid_capstyle", "solid_joinstyle", "dash_capstyle", "dash_joinstyle",
    "fillstyle", "markevery", "visible", "clip_on", "gid", "picker", "pickradius", "rasterized", "snap",
    "transform", "url", "path_effects", "sketch_params", "agg_filter", "animated", "clip_box", "clip_path",
    "figure", "in_layout", "mouseover", "xdata", "ydata", "data", "cmap", "norm", "vmin", "vmax",
    "edgecolors", "facecolors", "linewidths", "plotnonfinite", "hatch", "fill", "facecolor", "fc",
    "capstyle", "joinstyle", "offsets", "sizes", "urls", "scalex", "scaley",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrays_from_values() {
        let a = to_array(&Value::list(vec![Value::Int(1), Value::Float(2.5)])).unwrap();
        assert_eq!((a.shape.clone(), a.data.clone()), (vec![2], vec![1.0, 2.5]));
        assert_eq!(a.shape_str(), "(2,)");
        let r = to_array(&Value::Range { start: 0, stop: 6, step: 2 }).unwrap();
        assert_eq!(r.data, vec![0.0, 2.0, 4.0]);
        let m = to_array(&Value::list(vec![
            Value::list(vec![Value::Int(1), Value::Int(2)]),
            Value::list(vec![Value::Int(3), Value::Int(4)]),
            Value::list(vec![Value::Int(5), Value::Int(6)]),
        ]))
        .unwrap();
        assert_eq!(m.shape_str(), "(3, 2)");
        assert_eq!(m.columns(), vec![vec![1.0, 3.0, 5.0], vec![2.0, 4.0, 6.0]]);
        let ragged = Value::list(vec![Value::list(vec![Value::Int(1)]), Value::Int(2)]);
        assert!(to_array(&ragged).is_err());
        assert_eq!(to_array(&Value::str("a")).unwrap_err().kind, ExcKind::NotImplementedError);
    }

    #[test]
    fn styles() {
        assert_eq!(to_marker(&Value::str("o")).unwrap(), Some(Marker::Circle));
        assert_eq!(to_marker(&Value::str("")).unwrap(), None);
        assert_eq!(to_marker(&Value::str("Q")).unwrap_err().msg, "Unrecognized marker style 'Q'");
        assert_eq!(to_linestyle(&Value::str("--")).unwrap(), LineStyle::Dashed);
        assert_eq!(to_linestyle(&Value::str("foo")).unwrap_err().msg, "'foo' is not a valid value for ls.");
        assert_eq!(to_loc(&Value::Int(2)).unwrap(), LegendLoc::UpperLeft);
        assert_eq!(to_fontsize(&Value::str("large")).unwrap(), 12.0);
        assert!(to_alpha(&Value::Float(1.5)).is_err());
    }
}
