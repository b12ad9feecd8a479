//! The figure model shared by the terminal renderer and the image backend: figures hold
//! axes (one per subplot), axes hold series (lines, scatter points, histogram bars), and
//! series carry matplotlib's styling (colour, marker, line style, label, alpha).

/// An sRGB colour. `ansi` is the terminal colour it is drawn with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Color {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

/// The eight terminal colours plots use (the terminal's default foreground for greys).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Ansi {
    Default = 0,
    Red,
    Green,
    Yellow,
    Blue,
    Magenta,
    Cyan,
}

impl Color {
    pub const fn rgb(r: u8, g: u8, b: u8) -> Color {
        Color { r, g, b }
    }

    /// matplotlib's default colour cycle (`tab10`), `C0`…`C9`.
    pub const CYCLE: [Color; 10] = [
        Color::rgb(0x1f, 0x77, 0xb4),
        Color::rgb(0xff, 0x7f, 0x0e),
        Color::rgb(0x2c, 0xa0, 0x2c),
        Color::rgb(0xd6, 0x27, 0x28),
        Color::rgb(0x94, 0x67, 0xbd),
        Color::rgb(0x8c, 0x56, 0x4b),
        Color::rgb(0xe3, 0x77, 0xc2),
        Color::rgb(0x7f, 0x7f, 0x7f),
        Color::rgb(0xbc, 0xbd, 0x22),
        Color::rgb(0x17, 0xbe, 0xcf),
    ];

    /// The nearest terminal colour, by hue; unsaturated colours (greys, black, white)
    /// use the terminal's own foreground so they stay visible on any background.
    pub fn ansi(self) -> Ansi {
        let (r, g, b) = (self.r as f64 / 255.0, self.g as f64 / 255.0, self.b as f64 / 255.0);
        let max = r.max(g).max(b);
        let min = r.min(g).min(b);
        let delta = max - min;
        if max < 0.15 || delta / max.max(1e-9) < 0.25 {
            return Ansi::Default;
        }
        let hue = if max == r {
            60.0 * (((g - b) / delta).rem_euclid(6.0))
        } else if max == g {
            60.0 * ((b - r) / delta + 2.0)
        } else {
            60.0 * ((r - g) / delta + 4.0)
        };
        match hue {
            h if !(20.0..330.0).contains(&h) => Ansi::Red,
            h if h < 75.0 => Ansi::Yellow,
            h if h < 165.0 => Ansi::Green,
            h if h < 200.0 => Ansi::Cyan,
            h if h < 260.0 => Ansi::Blue,
            _ => Ansi::Magenta,
        }
    }

    /// Parses a matplotlib colour string: a one-letter colour (`'r'`), a CSS or `tab:`
    /// name, `'C0'`…`'C9'`, `'#rgb'`/`'#rrggbb'`/`'#rrggbbaa'`, or a grey level `'0.5'`.
    /// The alpha of an 8-digit hex colour is returned too.
    pub fn parse(s: &str) -> Option<(Color, Option<f64>)> {
        let t = s.trim().to_ascii_lowercase();
        if let Some(hex) = t.strip_prefix('#') {
            let digits: Option<Vec<u8>> = hex.chars().map(|c| c.to_digit(16).map(|d| d as u8)).collect();
            let d = digits?;
            return match d.len() {
                3 => Some((Color::rgb(d[0] * 17, d[1] * 17, d[2] * 17), None)),
                6 | 8 => {
                    let c = Color::rgb(d[0] * 16 + d[1], d[2] * 16 + d[3], d[4] * 16 + d[5]);
                    let a = (d.len() == 8).then(|| (d[6] * 16 + d[7]) as f64 / 255.0);
                    Some((c, a))
                }
                _ => None,
            };
        }
        if let Some(n) = t.strip_prefix('c').and_then(|n| n.parse::<usize>().ok()) {
            return Some((Color::CYCLE[n % 10], None));
        }
        if let Ok(level) = t.parse::<f64>() {
            if (0.0..=1.0).contains(&level) {
                let v = (level * 255.0).round() as u8;
                return Some((Color::rgb(v, v, v), None));
            }
            return None;
        }
        named(&t).map(|c| (c, None))
    }
}

/// matplotlib's base colours, `tab:` colours and the common CSS names.
fn named(name: &str) -> Option<Color> {
    let tab = |i: usize| Some(Color::CYCLE[i]);
    let c = Color::rgb;
    match name {
        "b" => Some(c(0, 0, 255)),
        "g" => Some(c(0, 128, 0)),
        "r" => Some(c(255, 0, 0)),
        "c" => Some(c(0, 191, 191)),
        "m" => Some(c(191, 0, 191)),
        "y" => Some(c(191, 191, 0)),
        "k" | "black" => Some(c(0, 0, 0)),
        "w" | "white" => Some(c(255, 255, 255)),
        "tab:blue" => tab(0),
        "tab:orange" => tab(1),
        "tab:green" => tab(2),
        "tab:red" => tab(3),
        "tab:purple" => tab(4),
        "tab:brown" => tab(5),
        "tab:pink" => tab(6),
        "tab:gray" | "tab:grey" => tab(7),
        "tab:olive" => tab(8),
        "tab:cyan" => tab(9),
        "red" => Some(c(255, 0, 0)),
        "green" => Some(c(0, 128, 0)),
        "blue" => Some(c(0, 0, 255)),
        "yellow" => Some(c(255, 255, 0)),
        "cyan" | "aqua" => Some(c(0, 255, 255)),
        "magenta" | "fuchsia" => Some(c(255, 0, 255)),
        "orange" => Some(c(255, 165, 0)),
        "purple" => Some(c(128, 0, 128)),
        "brown" => Some(c(165, 42, 42)),
        "pink" => Some(c(255, 192, 203)),
        "gray" | "grey" => Some(c(128, 128, 128)),
        "darkgray" | "darkgrey" => Some(c(169, 169, 169)),
        "lightgray" | "lightgrey" => Some(c(211, 211, 211)),
        "silver" => Some(c(192, 192, 192)),
        "olive" => Some(c(128, 128, 0)),
        "navy" => Some(c(0, 0, 128)),
        "teal" => Some(c(0, 128, 128)),
        "lime" => Some(c(0, 255, 0)),
        "maroon" => Some(c(128, 0, 0)),
        "gold" => Some(c(255, 215, 0)),
        "crimson" => Some(c(220, 20, 60)),
        "salmon" => Some(c(250, 128, 114)),
        "coral" => Some(c(255, 127, 80)),
        "tomato" => Some(c(255, 99, 71)),
        "violet" => Some(c(238, 130, 238)),
        "indigo" => Some(c(75, 0, 130)),
        "skyblue" => Some(c(135, 206, 235)),
        "steelblue" => Some(c(70, 130, 180)),
        "royalblue" => Some(c(65, 105, 225)),
        "darkblue" => Some(c(0, 0, 139)),
        "lightblue" => Some(c(173, 216, 230)),
        "darkred" => Some(c(139, 0, 0)),
        "darkgreen" => Some(c(0, 100, 0)),
        "lightgreen" => Some(c(144, 238, 144)),
        "darkorange" => Some(c(255, 140, 0)),
        "firebrick" => Some(c(178, 34, 34)),
        "forestgreen" => Some(c(34, 139, 34)),
        "seagreen" => Some(c(46, 139, 87)),
        "turquoise" => Some(c(64, 224, 208)),
        "orchid" => Some(c(218, 112, 214)),
        "tan" => Some(c(210, 180, 140)),
        "khaki" => Some(c(240, 230, 140)),
        _ => None,
    }
}

/// Point markers (matplotlib's marker codes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Marker {
    Point,
    Pixel,
    Circle,
    TriangleDown,
    TriangleUp,
    TriangleLeft,
    TriangleRight,
    Square,
    Pentagon,
    Star,
    Hexagon,
    Plus,
    X,
    Diamond,
    ThinDiamond,
    VLine,
    HLine,
}

impl Marker {
    pub fn from_code(c: char) -> Option<Marker> {
        Some(match c {
            '.' => Marker::Point,
            ',' => Marker::Pixel,
            'o' => Marker::Circle,
            'v' => Marker::TriangleDown,
            '^' => Marker::TriangleUp,
            '<' => Marker::TriangleLeft,
            '>' => Marker::TriangleRight,
            's' => Marker::Square,
            'p' => Marker::Pentagon,
            '*' => Marker::Star,
            'h' | 'H' | '8' => Marker::Hexagon,
            '+' | 'P' => Marker::Plus,
            'x' | 'X' => Marker::X,
            'D' => Marker::Diamond,
            'd' => Marker::ThinDiamond,
            '|' => Marker::VLine,
            '_' => Marker::HLine,
            _ => return None,
        })
    }

    /// The character a marker is drawn with in the terminal.
    pub fn glyph(self) -> char {
        match self {
            Marker::Point | Marker::Pixel => '·',
            Marker::Circle | Marker::Pentagon | Marker::Hexagon => '•',
            Marker::TriangleDown => '▼',
            Marker::TriangleUp => '▲',
            Marker::TriangleLeft => '◀',
            Marker::TriangleRight => '▶',
            Marker::Square => '■',
            Marker::Star => '★',
            Marker::Plus => '+',
            Marker::X => '×',
            Marker::Diamond | Marker::ThinDiamond => '◆',
            Marker::VLine => '|',
            Marker::HLine => '_',
        }
    }
}

/// Line styles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineStyle {
    None,
    Solid,
    Dashed,
    DashDot,
    Dotted,
}

impl LineStyle {
    pub fn parse(s: &str) -> Option<LineStyle> {
        Some(match s {
            "-" | "solid" => LineStyle::Solid,
            "--" | "dashed" => LineStyle::Dashed,
            "-." | "dashdot" => LineStyle::DashDot,
            ":" | "dotted" => LineStyle::Dotted,
            "" | " " | "None" | "none" => LineStyle::None,
            _ => return None,
        })
    }

    /// On/off pattern in braille dots (None for solid and no line).
    pub fn pattern(self) -> Option<&'static [bool]> {
        match self {
            LineStyle::Dashed => Some(&[true, true, true, true, false, false]),
            LineStyle::DashDot => Some(&[true, true, true, true, false, true, false]),
            LineStyle::Dotted => Some(&[true, false]),
            _ => None,
        }
    }
}

/// A matplotlib format string (`'r--'`, `'o'`, `'g^-'`) split into its parts.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Fmt {
    pub color: Option<Color>,
    pub marker: Option<Marker>,
    pub line: Option<LineStyle>,
}

impl Fmt {
    /// Parses a format string; `Err` names the offending character, as matplotlib does.
    pub fn parse(s: &str) -> Result<Fmt, String> {
        let mut f = Fmt::default();
        if let Some((c, _)) = Color::parse(s) {
            // A whole colour name or hex string is a valid fmt on its own.
            if s.len() > 1 && s != "--" && s != "-." {
                f.color = Some(c);
                return Ok(f);
            }
        }
        let chars: Vec<char> = s.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            let two: String = chars[i..(i + 2).min(chars.len())].iter().collect();
            if two == "--" || two == "-." {
                if f.line.is_some() {
                    return Err(format!("'{s}' is not a valid format string (two linestyle symbols)"));
                }
                f.line = LineStyle::parse(&two);
                i += 2;
                continue;
            }
            if c == '-' || c == ':' {
                if f.line.is_some() {
                    return Err(format!("'{s}' is not a valid format string (two linestyle symbols)"));
                }
                f.line = LineStyle::parse(&c.to_string());
            } else if let Some(m) = Marker::from_code(c) {
                if f.marker.is_some() {
                    return Err(format!("'{s}' is not a valid format string (two marker symbols)"));
                }
                f.marker = Some(m);
            } else if "bgrcmykw".contains(c) {
                if f.color.is_some() {
                    return Err(format!("'{s}' is not a valid format string (two color symbols)"));
                }
                f.color = named(&c.to_string());
            } else if c == 'C' && i + 1 < chars.len() && chars[i + 1].is_ascii_digit() {
                if f.color.is_some() {
                    return Err(format!("'{s}' is not a valid format string (two color symbols)"));
                }
                f.color = Some(Color::CYCLE[chars[i + 1].to_digit(10).unwrap_or(0) as usize]);
                i += 1;
            } else {
                return Err(format!("'{s}' is not a valid format string (unrecognized character '{c}')"));
            }
            i += 1;
        }
        Ok(f)
    }
}

/// What a series draws.
#[derive(Clone, Debug, PartialEq)]
pub enum SeriesKind {
    /// `plot`: points joined by a line and/or drawn with markers.
    Line,
    /// `scatter`: markers only.
    Scatter,
    /// `hist`: bars between consecutive `x` edges with heights `y` (`x.len() == y.len() + 1`).
    Bars,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub kind: SeriesKind,
    pub x: Vec<f64>,
    pub y: Vec<f64>,
    /// The legend label; labels starting with `_` are left out of legends, as in matplotlib.
    pub label: Option<String>,
    pub color: Color,
    pub marker: Option<Marker>,
    pub line: LineStyle,
    pub alpha: f64,
    /// Line width in points (images only: a terminal line is one dot wide).
    pub linewidth: f64,
    /// Marker size in points (images only).
    pub markersize: f64,
    /// Bar outlines (images only: terminal bars are solid blocks).
    pub edgecolor: Option<Color>,
}

impl Series {
    /// The label shown in a legend, if any.
    pub fn legend_label(&self) -> Option<&str> {
        self.label.as_deref().filter(|l| !l.starts_with('_') && !l.is_empty())
    }
}

/// Where a legend goes (matplotlib's `loc`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LegendLoc {
    Best,
    UpperRight,
    UpperLeft,
    LowerLeft,
    LowerRight,
    Right,
    CenterLeft,
    CenterRight,
    LowerCenter,
    UpperCenter,
    Center,
}

impl LegendLoc {
    pub fn parse(s: &str) -> Option<LegendLoc> {
        use LegendLoc::*;
        Some(match s {
            "best" => Best,
            "upper right" => UpperRight,
            "upper left" => UpperLeft,
            "lower left" => LowerLeft,
            "lower right" => LowerRight,
            "right" => Right,
            "center left" => CenterLeft,
            "center right" => CenterRight,
            "lower center" => LowerCenter,
            "upper center" => UpperCenter,
            "center" => Center,
            _ => return None,
        })
    }

    pub fn from_code(i: i64) -> Option<LegendLoc> {
        use LegendLoc::*;
        [Best, UpperRight, UpperLeft, LowerLeft, LowerRight, Right, CenterLeft, CenterRight, LowerCenter, UpperCenter, Center]
            .get(usize::try_from(i).ok()?)
            .copied()
    }
}

/// A text with an optional font size in points (images only; terminal text has one size).
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    pub text: String,
    pub size: Option<f64>,
}

/// Grid line style (images; the terminal draws dim dots).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GridStyle {
    pub color: Color,
    pub alpha: f64,
    pub linewidth: f64,
    pub line: LineStyle,
}

impl Default for GridStyle {
    fn default() -> GridStyle {
        GridStyle { color: Color::rgb(0xb0, 0xb0, 0xb0), alpha: 1.0, linewidth: 0.8, line: LineStyle::Solid }
    }
}

/// One subplot.
#[derive(Clone, Debug, PartialEq)]
pub struct Axes {
    /// Identity within its figure (axes objects in the interpreter refer to it).
    pub id: u64,
    /// Position in the figure's grid: (rows, cols, 1-based index).
    pub slot: (usize, usize, usize),
    pub title: Option<Label>,
    pub xlabel: Option<Label>,
    pub ylabel: Option<Label>,
    pub series: Vec<Series>,
    /// Grid lines at the ticks, when set.
    pub grid: Option<GridStyle>,
    pub legend: Option<LegendLoc>,
    pub xlim: (Option<f64>, Option<f64>),
    pub ylim: (Option<f64>, Option<f64>),
    /// Next colour of matplotlib's two default cycles: lines (`plot`) and patches
    /// (`scatter`, `hist`) advance separately.
    pub line_cycle: usize,
    pub patch_cycle: usize,
}

impl Axes {
    pub fn new(id: u64, slot: (usize, usize, usize)) -> Axes {
        Axes {
            id,
            slot,
            title: None,
            xlabel: None,
            ylabel: None,
            series: Vec::new(),
            grid: None,
            legend: None,
            xlim: (None, None),
            ylim: (None, None),
            line_cycle: 0,
            patch_cycle: 0,
        }
    }

    /// The next colour of the line cycle (advancing it).
    pub fn next_line_color(&mut self) -> Color {
        let c = Color::CYCLE[self.line_cycle % Color::CYCLE.len()];
        self.line_cycle += 1;
        c
    }

    /// The next colour of the patch cycle (advancing it).
    pub fn next_patch_color(&mut self) -> Color {
        let c = Color::CYCLE[self.patch_cycle % Color::CYCLE.len()];
        self.patch_cycle += 1;
        c
    }

    /// Removes everything drawn and set (`cla()`), keeping the position.
    pub fn clear(&mut self) {
        *self = Axes::new(self.id, self.slot);
    }

    pub fn title_text(&self) -> Option<&str> {
        self.title.as_ref().map(|l| l.text.as_str()).filter(|t| !t.is_empty())
    }

    pub fn xlabel_text(&self) -> Option<&str> {
        self.xlabel.as_ref().map(|l| l.text.as_str()).filter(|t| !t.is_empty())
    }

    pub fn ylabel_text(&self) -> Option<&str> {
        self.ylabel.as_ref().map(|l| l.text.as_str()).filter(|t| !t.is_empty())
    }

    /// Series in drawing order: matplotlib's z-order puts lines (2) above bars and
    /// scatter points (1); calls keep their order within a level.
    pub fn draw_order(&self) -> Vec<&Series> {
        let mut v: Vec<&Series> = self.series.iter().collect();
        v.sort_by_key(|s| u8::from(s.kind == SeriesKind::Line));
        v
    }

    /// Series shown in the legend (when a legend is on).
    /// In the order they were added, as matplotlib lists them.
    pub fn legend_entries(&self) -> Vec<&Series> {
        self.series.iter().filter(|s| s.legend_label().is_some()).collect()
    }

    /// The view limits: explicit `xlim`/`ylim`, else the data range with matplotlib's 5 %
    /// margins (bars keep their baseline at exactly 0, as matplotlib's sticky edges do).
    pub fn limits(&self) -> ((f64, f64), (f64, f64)) {
        let mut xs = Range::default();
        let mut ys = Range::default();
        let mut y_sticky_zero = false;
        for s in &self.series {
            match s.kind {
                SeriesKind::Bars => {
                    xs.extend(s.x.iter().copied());
                    ys.extend(s.y.iter().copied());
                    ys.extend([0.0]);
                    y_sticky_zero = true;
                }
                _ => {
                    for (x, y) in s.x.iter().zip(&s.y) {
                        if x.is_finite() && y.is_finite() {
                            xs.extend([*x]);
                            ys.extend([*y]);
                        }
                    }
                }
            }
        }
        let (x0, x1) = xs.with_margin(false);
        let (y0, y1) = ys.with_margin(y_sticky_zero);
        (
            nonsingular(self.xlim.0.unwrap_or(x0), self.xlim.1.unwrap_or(x1)),
            nonsingular(self.ylim.0.unwrap_or(y0), self.ylim.1.unwrap_or(y1)),
        )
    }
}

/// Limits that can be drawn: finite, and apart (matplotlib widens identical limits);
/// reversed limits stay reversed (an inverted axis).
fn nonsingular(lo: f64, hi: f64) -> (f64, f64) {
    let (lo, hi) = (if lo.is_finite() { lo } else { 0.0 }, if hi.is_finite() { hi } else { 1.0 });
    if lo == hi {
        let d = if lo == 0.0 { 0.05 } else { 0.05 * lo.abs() };
        return (lo - d, hi + d);
    }
    (lo, hi)
}

#[derive(Default)]
struct Range {
    lo: Option<f64>,
    hi: Option<f64>,
}

impl Range {
    fn extend(&mut self, it: impl IntoIterator<Item = f64>) {
        for v in it.into_iter().filter(|v| v.is_finite()) {
            self.lo = Some(self.lo.map_or(v, |l| l.min(v)));
            self.hi = Some(self.hi.map_or(v, |h| h.max(v)));
        }
    }

    /// matplotlib's autoscale: 5 % margins; a single value gets ±0.05·|v| (±0.05 at 0),
    /// no data gives (0, 1). With `sticky_zero`, a limit at 0 gets no margin.
    fn with_margin(&self, sticky_zero: bool) -> (f64, f64) {
        let (Some(lo), Some(hi)) = (self.lo, self.hi) else { return (0.0, 1.0) };
        if lo == hi {
            let d = if lo == 0.0 { 0.05 } else { 0.05 * lo.abs() };
            return (lo - d, hi + d);
        }
        let m = 0.05 * (hi - lo);
        let lo2 = if sticky_zero && lo == 0.0 { 0.0 } else { lo - m };
        let hi2 = if sticky_zero && hi == 0.0 { 0.0 } else { hi + m };
        (lo2, hi2)
    }
}

/// A figure: axes laid out on grids, a size in inches and a resolution.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    /// matplotlib's figure number (1, 2, …).
    pub number: usize,
    /// Width and height in inches (matplotlib's default is 6.4 × 4.8).
    pub size: (f64, f64),
    pub dpi: f64,
    pub axes: Vec<Axes>,
    /// Index into `axes` of the current axes.
    pub current: Option<usize>,
    pub suptitle: Option<Label>,
    next_id: u64,
}

impl Figure {
    pub fn new(number: usize) -> Figure {
        Figure { number, size: (6.4, 4.8), dpi: 100.0, axes: Vec::new(), current: None, suptitle: None, next_id: 0 }
    }

    /// The axes with identity `id`, if it is still in the figure.
    pub fn axes_index(&self, id: u64) -> Option<usize> {
        self.axes.iter().position(|a| a.id == id)
    }

    /// The current axes, created as a single subplot if there is none (`plt.gca()`).
    pub fn gca(&mut self) -> usize {
        match self.current {
            Some(i) => i,
            None => self.subplot(1, 1, 1),
        }
    }

    /// Makes the subplot at (rows, cols, index) current, creating it if needed; a new
    /// subplot removes the ones it overlaps, as matplotlib does.
    pub fn subplot(&mut self, rows: usize, cols: usize, index: usize) -> usize {
        if let Some(i) = self.axes.iter().position(|a| a.slot == (rows, cols, index)) {
            self.current = Some(i);
            return i;
        }
        let new = (rows, cols, index);
        self.axes.retain(|a| !overlaps(a.slot, new));
        self.next_id += 1;
        self.axes.push(Axes::new(self.next_id, new));
        let i = self.axes.len() - 1;
        self.current = Some(i);
        i
    }

    /// Pixel size at `dpi`.
    pub fn pixels(&self, dpi: f64) -> (u32, u32) {
        let w = (self.size.0 * dpi).round().clamp(16.0, 10000.0) as u32;
        let h = (self.size.1 * dpi).round().clamp(16.0, 10000.0) as u32;
        (w, h)
    }
}

/// The fraction of the figure a grid slot covers: (x0, y0, x1, y1) in [0, 1], y down.
pub fn slot_rect(slot: (usize, usize, usize)) -> (f64, f64, f64, f64) {
    let (rows, cols, index) = slot;
    let i = index.saturating_sub(1);
    let (r, c) = (i / cols.max(1), i % cols.max(1));
    let (w, h) = (1.0 / cols.max(1) as f64, 1.0 / rows.max(1) as f64);
    (c as f64 * w, r as f64 * h, (c + 1) as f64 * w, (r + 1) as f64 * h)
}

fn overlaps(a: (usize, usize, usize), b: (usize, usize, usize)) -> bool {
    let (a0, a1, a2, a3) = slot_rect(a);
    let (b0, b1, b2, b3) = slot_rect(b);
    let eps = 1e-9;
    a0 < b2 - eps && b0 < a2 - eps && a1 < b3 - eps && b1 < a3 - eps
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fmt_strings() {
        let f = Fmt::parse("r--").unwrap();
        assert_eq!(f.color, Some(Color::rgb(255, 0, 0)));
        assert_eq!(f.line, Some(LineStyle::Dashed));
        assert_eq!(f.marker, None);
        let f = Fmt::parse("o").unwrap();
        assert_eq!((f.marker, f.line, f.color), (Some(Marker::Circle), None, None));
        let f = Fmt::parse("g^-.").unwrap();
        assert_eq!((f.marker, f.line), (Some(Marker::TriangleUp), Some(LineStyle::DashDot)));
        let f = Fmt::parse("C3:").unwrap();
        assert_eq!((f.color, f.line), (Some(Color::CYCLE[3]), Some(LineStyle::Dotted)));
        assert_eq!(Fmt::parse("orange").unwrap().color, Some(Color::rgb(255, 165, 0)));
        assert!(Fmt::parse("rz").unwrap_err().contains("unrecognized character 'z'"));
        assert!(Fmt::parse("rg").is_err());
    }

    #[test]
    fn colours() {
        assert_eq!(Color::parse("#ff8000").unwrap().0, Color::rgb(255, 128, 0));
        assert_eq!(Color::parse("#f80").unwrap().0, Color::rgb(255, 136, 0));
        let (c, a) = Color::parse("#00000080").unwrap();
        assert_eq!(c, Color::rgb(0, 0, 0));
        assert!((a.unwrap() - 128.0 / 255.0).abs() < 1e-12);
        assert_eq!(Color::parse("0.5").unwrap().0, Color::rgb(128, 128, 128));
        assert_eq!(Color::parse("C1").unwrap().0, Color::CYCLE[1]);
        assert!(Color::parse("notacolor").is_none());
        assert!(Color::parse("1.5").is_none());
        let ansi: Vec<Ansi> = Color::CYCLE.iter().map(|c| c.ansi()).collect();
        use Ansi::*;
        assert_eq!(ansi, [Blue, Yellow, Green, Red, Magenta, Red, Magenta, Default, Yellow, Cyan]);
        assert_eq!(Color::rgb(0, 0, 0).ansi(), Default);
    }

    #[test]
    fn limits_follow_matplotlib_margins() {
        let mut a = Axes::new(1, (1, 1, 1));
        let s = Series {
            kind: SeriesKind::Line,
            x: vec![0.0, 10.0],
            y: vec![1.0, 3.0],
            label: None,
            color: Color::CYCLE[0],
            marker: None,
            line: LineStyle::Solid,
            alpha: 1.0,
            linewidth: 1.5,
            markersize: 6.0,
            edgecolor: None,
        };
        a.series.push(s.clone());
        assert_eq!(a.limits(), ((-0.5, 10.5), (0.9, 3.1)));
        let mut b = Axes::new(2, (1, 1, 1));
        b.series.push(Series { kind: SeriesKind::Bars, x: vec![0.0, 1.0, 2.0], y: vec![2.0, 4.0], ..s });
        let ((x0, x1), (y0, y1)) = b.limits();
        assert_eq!((x0, x1, y0), (-0.1, 2.1, 0.0));
        assert!((y1 - 4.2).abs() < 1e-12);
        assert_eq!(Axes::new(3, (1, 1, 1)).limits(), ((0.0, 1.0), (0.0, 1.0)));
    }

    #[test]
    fn subplots_replace_overlapping_ones() {
        let mut f = Figure::new(1);
        f.subplot(2, 2, 1);
        f.subplot(2, 2, 2);
        assert_eq!(f.axes.len(), 2);
        assert_eq!(f.subplot(2, 2, 1), 0);
        f.subplot(2, 1, 2);
        assert_eq!(f.axes.len(), 3);
        f.subplot(1, 1, 1);
        assert_eq!(f.axes.len(), 1);
    }
}
