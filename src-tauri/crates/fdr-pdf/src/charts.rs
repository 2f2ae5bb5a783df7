//! Small charts drawn with layout boxes: an indicator's baseline, measured
//! values and target over time. Each is a `Figure` whose alternative text
//! states the values shown.

use crate::layout::{styles, Flow, Item, NodeId, Tag};
use crate::text::{self, Rgb, TextStyle};
use fdr_core::calendar;
use fdr_core::french;
use fdr_core::Indicator;

/// The alternative text of an indicator's chart: every value it shows.
pub fn indicator_alt(x: &Indicator) -> String {
    let v = |d: &fdr_core::DatedValue| {
        format!(
            "{} au {}",
            french::with_unit(&d.value, Some(&x.unit)),
            french::date(&d.date)
        )
    };
    let mut parts = vec![format!("Évolution de l’indicateur {} ({})", x.id, x.name)];
    parts.push(match &x.baseline {
        Some(b) => format!("référence {}", v(b)),
        None => "pas de référence".into(),
    });
    let ms = x.measurements.as_deref().unwrap_or_default();
    if ms.is_empty() {
        parts.push("aucune mesure".into());
    } else {
        parts.push(format!("mesures : {}", ms.iter().map(v).collect::<Vec<_>>().join(", ")));
    }
    parts.push(match &x.target {
        Some(t) => format!("cible {}", v(t)),
        None => "pas de cible".into(),
    });
    format!("{}.", parts.join(" ; "))
}

/// A value axis: from 0 (or a round value below a negative minimum) to a
/// round value above the largest value, with its ticks.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueAxis {
    /// Bottom of the axis.
    pub low: f64,
    /// Top of the axis, above every value.
    pub high: f64,
    /// The labelled ticks, bottom to top.
    pub ticks: Vec<f64>,
}

/// The value axis for values between `min` and `max`: four to six steps of
/// 1, 2, 2.5 or 5 times a power of ten.
pub fn value_axis(min: f64, max: f64) -> ValueAxis {
    let low_value = min.min(0.0);
    let high_value = max.max(0.0);
    let span = (high_value - low_value).max(f64::MIN_POSITIVE);
    let raw = span / 5.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw * (1.0 - 1e-9))
        .unwrap_or(10.0 * magnitude);
    let low = (low_value / step).floor() * step;
    let mut high = (high_value / step).ceil() * step;
    if high <= high_value + step * 1e-9 {
        high += step;
    }
    let count = ((high - low) / step).round() as usize;
    // Rounded to the step's precision, so that 0.1 × 3 prints 0,3.
    let precision = 10f64.powi((-(step.log10().floor()) as i32 + 2).max(0));
    let ticks = (0..=count)
        .map(|k| ((low + k as f64 * step) * precision).round() / precision)
        .collect();
    ValueAxis { low, high, ticks }
}

/// Draws an indicator's chart at the current position of the flow.
pub fn indicator_chart(flow: &mut Flow, x: &Indicator, parent: NodeId) {
    let point = |d: &fdr_core::DatedValue| -> Option<(f64, f64)> {
        Some((
            calendar::days_since_epoch(calendar::parse_date(&d.date)?) as f64,
            d.value.as_f64().filter(|v| v.is_finite())?,
        ))
    };
    let measured: Vec<(f64, f64)> = {
        let mut m: Vec<(f64, f64)> = x
            .measurements
            .as_deref()
            .unwrap_or_default()
            .iter()
            .filter_map(point)
            .collect();
        m.sort_by(|a, b| a.0.total_cmp(&b.0));
        m
    };
    let baseline = x.baseline.as_ref().and_then(point);
    let target = x.target.as_ref().and_then(point);
    let all: Vec<(f64, f64)> = baseline
        .iter()
        .chain(measured.iter())
        .chain(target.iter())
        .copied()
        .collect();
    let alt = indicator_alt(x);
    if all.is_empty() {
        flow.plain("Aucune valeur à représenter.", styles::SMALL.colored(Rgb::GREY), parent);
        return;
    }
    let height = 96.0;
    flow.figure(height, alt, parent, |flow, left, top, node| {
        let g = flow.geometry;
        let plot_x = left + 40.0;
        let plot_w = (g.measure() * 0.62).min(g.measure() - 50.0);
        let plot_y = top + 8.0;
        let plot_h = height - 34.0;
        let (mut x0, mut x1) = (
            all.iter().map(|p| p.0).fold(f64::MAX, f64::min),
            all.iter().map(|p| p.0).fold(f64::MIN, f64::max),
        );
        let (y0, y1) = (
            all.iter().map(|p| p.1).fold(f64::MAX, f64::min),
            all.iter().map(|p| p.1).fold(f64::MIN, f64::max),
        );
        if (x1 - x0).abs() < 1.0 {
            x0 -= 180.0;
            x1 += 180.0;
        }
        let axis_y = value_axis(y0, y1);
        let (y0, y1) = (axis_y.low, axis_y.high);
        let sx = |d: f64| plot_x + ((d - x0) / (x1 - x0)) as f32 * plot_w;
        let sy = |v: f64| plot_y + plot_h - ((v - y0) / (y1 - y0)) as f32 * plot_h;
        // Axes, and a labelled tick at each step of the value axis.
        let axis = Rgb(0.55, 0.55, 0.55);
        for tick in &axis_y.ticks {
            let ty = sy(*tick);
            flow.place(
                Item::Rule {
                    x1: plot_x - 2.0,
                    y1: ty,
                    x2: plot_x + plot_w,
                    y2: ty,
                    width: 0.2,
                    color: Rgb(0.88, 0.88, 0.88),
                },
                Tag::Artifact,
            );
            let n = fdr_core::Number::from_f64(*tick).unwrap_or_else(|| 0.into());
            let label = text::single_line(flow.fonts, &french::number(&n), styles::SMALL.colored(Rgb::GREY));
            let lx = (plot_x - 4.0 - label.width).max(left);
            flow.place(
                Item::Text {
                    x: lx,
                    y: ty + 2.8,
                    line: label,
                },
                Tag::Artifact,
            );
        }
        flow.place(
            Item::Rule {
                x1: plot_x,
                y1: plot_y,
                x2: plot_x,
                y2: plot_y + plot_h,
                width: 0.5,
                color: axis,
            },
            Tag::Artifact,
        );
        flow.place(
            Item::Rule {
                x1: plot_x,
                y1: plot_y + plot_h,
                x2: plot_x + plot_w,
                y2: plot_y + plot_h,
                width: 0.5,
                color: axis,
            },
            Tag::Artifact,
        );
        // The reference and target levels: lines across the plot, labelled.
        let small = styles::SMALL;
        let mut label_ys: Vec<f32> = Vec::new();
        for (value, name, color) in [
            (baseline.map(|b| b.1), "Référence", Rgb::GREY),
            (target.map(|t| t.1), "Cible", Rgb::RED),
        ] {
            let Some(v) = value else { continue };
            let ly = sy(v);
            flow.place(
                Item::Rule {
                    x1: plot_x,
                    y1: ly,
                    x2: plot_x + plot_w,
                    y2: ly,
                    width: 0.5,
                    color,
                },
                Tag::Artifact,
            );
            let label = text::single_line(flow.fonts, name, TextStyle { size: 7.0, ..small }.colored(color));
            // Above the line at the right end; below it when another label is there.
            let mut y = ly - 2.0;
            if label_ys.iter().any(|o| (o - y).abs() < 8.0) {
                y = ly + 8.0;
            }
            label_ys.push(y);
            flow.place(
                Item::Text {
                    x: plot_x + plot_w - label.width - 2.0,
                    y,
                    line: label,
                },
                Tag::Artifact,
            );
        }
        // Measured path from the baseline.
        let path: Vec<(f64, f64)> = baseline.iter().chain(measured.iter()).copied().collect();
        for w in path.windows(2) {
            flow.place(
                Item::Rule {
                    x1: sx(w[0].0),
                    y1: sy(w[0].1),
                    x2: sx(w[1].0),
                    y2: sy(w[1].1),
                    width: 1.4,
                    color: Rgb::BLUE,
                },
                Tag::Node(node),
            );
        }
        // Towards the target, thinner.
        if let (Some(last), Some(t)) = (path.last(), target) {
            flow.place(
                Item::Rule {
                    x1: sx(last.0),
                    y1: sy(last.1),
                    x2: sx(t.0),
                    y2: sy(t.1),
                    width: 0.6,
                    color: Rgb(0.6, 0.6, 0.85),
                },
                Tag::Node(node),
            );
        }
        let mark = |flow: &mut Flow, p: (f64, f64), color: Rgb, size: f32| {
            flow.place(
                Item::Fill {
                    x: sx(p.0) - size / 2.0,
                    y: sy(p.1) - size / 2.0,
                    w: size,
                    h: size,
                    color,
                },
                Tag::Node(node),
            );
        };
        if let Some(b) = baseline {
            mark(flow, b, Rgb::GREY, 4.0);
        }
        for m in &measured {
            mark(flow, *m, Rgb::BLUE, 3.5);
        }
        if let Some(t) = target {
            mark(flow, t, Rgb::RED, 4.5);
        }
        // Legend with values, right of the plot.
        let lx = plot_x + plot_w + 14.0;
        let mut ly = plot_y + 8.0;
        let entries = [
            (
                Rgb::GREY,
                x.baseline
                    .as_ref()
                    .map(|b| format!("Référence : {}", french::with_unit(&b.value, Some(&x.unit)))),
            ),
            (
                Rgb::BLUE,
                x.latest_measurement()
                    .map(|m| format!("Dernière mesure : {}", french::with_unit(&m.value, Some(&x.unit)))),
            ),
            (
                Rgb::RED,
                x.target
                    .as_ref()
                    .map(|t| format!("Cible : {}", french::with_unit(&t.value, Some(&x.unit)))),
            ),
        ];
        for (color, label) in entries {
            let Some(label) = label else { continue };
            let max = g.width - g.right - lx - 8.0;
            let mut lines = text::plain_lines(flow.fonts, &label, styles::SMALL, max);
            lines.truncate(2);
            flow.place(
                Item::Fill {
                    x: lx,
                    y: ly - 5.5,
                    w: 5.0,
                    h: 5.0,
                    color,
                },
                Tag::Artifact,
            );
            for line in lines {
                flow.place(
                    Item::Text {
                        x: lx + 8.0,
                        y: ly,
                        line,
                    },
                    Tag::Artifact,
                );
                ly += 10.0;
            }
            ly += 3.0;
        }
        // Dates under the axis.
        let first = text::single_line(
            flow.fonts,
            &french::date(&calendar::from_days_since_epoch(x0 as i64).to_string()),
            styles::SMALL.colored(Rgb::GREY),
        );
        let last = text::single_line(
            flow.fonts,
            &french::date(&calendar::from_days_since_epoch(x1 as i64).to_string()),
            styles::SMALL.colored(Rgb::GREY),
        );
        let last_x = plot_x + plot_w - last.width;
        flow.place(
            Item::Text {
                x: plot_x,
                y: plot_y + plot_h + 11.0,
                line: first,
            },
            Tag::Artifact,
        );
        flow.place(
            Item::Text {
                x: last_x,
                y: plot_y + plot_h + 11.0,
                line: last,
            },
            Tag::Artifact,
        );
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_value_axis_runs_from_zero_to_a_round_value_above_every_value() {
        let a = value_axis(38.0, 64.8);
        assert_eq!((a.low, a.high), (0.0, 80.0), "{a:?}");
        assert_eq!(a.ticks, vec![0.0, 20.0, 40.0, 60.0, 80.0]);
        let b = value_axis(310.0, 500.0);
        assert!(b.high > 500.0 && b.low == 0.0, "strictly above the largest: {b:?}");
        let c = value_axis(0.12, 0.27);
        assert!(
            c.ticks.iter().all(|t| (t * 100.0 - (t * 100.0).round()).abs() < 1e-9),
            "round ticks: {c:?}"
        );
        assert!(c.high > 0.27 && c.high <= 0.4, "{c:?}");
        let d = value_axis(-8.2, 12.0);
        assert!(
            d.low <= -8.2 && d.ticks.contains(&0.0),
            "a negative value goes below 0: {d:?}"
        );
        let e = value_axis(5.0, 5.0);
        assert!(e.high > 5.0 && e.ticks.len() >= 3, "{e:?}");
        let f = value_axis(0.0, 0.0);
        assert!(f.high > 0.0, "{f:?}");
    }
}
