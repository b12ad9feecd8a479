//! A figure as a JSON document (what `plt.show()` prints with `--format json`): its
//! axes, labels, view limits and every series' points, keys in a fixed order, so tools
//! can redraw it.

use serde_json::{Value, json};

use crate::format::json::{Json, float_json};

use super::model::{Color, Figure, LineStyle, Series, SeriesKind};

fn hex(c: Color) -> String {
    format!("#{:02x}{:02x}{:02x}", c.r, c.g, c.b)
}

/// Floats as JSON numbers; nan and infinities as strings, as in tensor documents.
fn nums(v: &[f64]) -> Json {
    Json::from(Value::Array(v.iter().map(|&x| float_json(x)).collect()))
}

fn opt(s: Option<&str>) -> Json {
    Json::from(s.map_or(Value::Null, |s| json!(s)))
}

fn series(s: &Series) -> Json {
    let kind = match s.kind {
        SeriesKind::Line => "line",
        SeriesKind::Scatter => "scatter",
        SeriesKind::Bars => "bars",
    };
    let line = match (s.kind == SeriesKind::Line, s.line) {
        (false, _) | (_, LineStyle::None) => None,
        (_, LineStyle::Solid) => Some("-"),
        (_, LineStyle::Dashed) => Some("--"),
        (_, LineStyle::DashDot) => Some("-."),
        (_, LineStyle::Dotted) => Some(":"),
    };
    let marker = s.marker.map(|m| m.glyph().to_string());
    let (xk, yk) = if s.kind == SeriesKind::Bars { ("edges", "heights") } else { ("x", "y") };
    Json::object(vec![
        ("kind", Json::from(json!(kind))),
        ("label", opt(s.legend_label())),
        ("color", Json::from(json!(hex(s.color)))),
        ("alpha", Json::from(float_json(s.alpha))),
        ("marker", opt(marker.as_deref())),
        ("linestyle", opt(line)),
        (xk, nums(&s.x)),
        (yk, nums(&s.y)),
    ])
}

/// `{"type":"figure","number":…,"size":[w,h],"suptitle":…,"axes":[{…,"series":[…]}]}`.
pub fn figure(fig: &Figure) -> Json {
    let axes = fig
        .axes
        .iter()
        .map(|a| {
            let ((x0, x1), (y0, y1)) = a.limits();
            Json::object(vec![
                ("position", Json::from(json!([a.slot.0, a.slot.1, a.slot.2]))),
                ("title", opt(a.title_text())),
                ("xlabel", opt(a.xlabel_text())),
                ("ylabel", opt(a.ylabel_text())),
                ("xlim", nums(&[x0, x1])),
                ("ylim", nums(&[y0, y1])),
                ("grid", Json::from(json!(a.grid.is_some()))),
                ("legend", Json::from(json!(a.legend.is_some() && !a.legend_entries().is_empty()))),
                ("series", Json::Array(a.series.iter().map(series).collect())),
            ])
        })
        .collect();
    Json::object(vec![
        ("type", Json::from(json!("figure"))),
        ("number", Json::from(json!(fig.number))),
        ("size", nums(&[fig.size.0, fig.size.1])),
        ("suptitle", opt(fig.suptitle.as_ref().map(|l| l.text.as_str()))),
        ("axes", Json::Array(axes)),
    ])
}
