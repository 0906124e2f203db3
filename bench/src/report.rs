//! What a section of the benchmark hands back: rows for the printed table and the keys
//! it contributes to `bench/results.json`.

use serde_json::{Map, Value};

/// One printed line: what was measured, the figure, and the target when there is one.
pub struct Row {
    pub name: String,
    pub value: String,
    /// The target as printed, e.g. `≥ 1.0×`, and whether this run met it.
    pub target: Option<(String, bool)>,
}

impl Row {
    /// A figure without a target.
    pub fn info(name: impl Into<String>, value: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            value: value.into(),
            target: None,
        }
    }

    /// A figure checked against a target.
    pub fn target(
        name: impl Into<String>,
        value: impl Into<String>,
        target: impl Into<String>,
        met: bool,
    ) -> Self {
        Self {
            name: name.into(),
            value: value.into(),
            target: Some((target.into(), met)),
        }
    }
}

/// A section's results: its rows and its JSON (merged under the section's own keys).
#[derive(Default)]
pub struct Section {
    pub rows: Vec<Row>,
    pub json: Map<String, Value>,
}

impl Section {
    /// Adds a row.
    pub fn row(&mut self, row: Row) -> &mut Self {
        self.rows.push(row);
        self
    }

    /// Sets `path` (dot-separated, e.g. `append.ratio_vs_raw_insert.c8`) to `value`.
    pub fn set(&mut self, path: &str, value: impl Into<Value>) -> &mut Self {
        set_path(&mut self.json, path, value.into());
        self
    }
}

/// Sets a dot-separated `path` inside `map`, creating the objects on the way.
pub fn set_path(map: &mut Map<String, Value>, path: &str, value: Value) {
    let mut parts = path.split('.').peekable();
    let mut here = map;
    while let Some(part) = parts.next() {
        if parts.peek().is_none() {
            here.insert(part.to_string(), value);
            return;
        }
        let next = here
            .entry(part.to_string())
            .or_insert_with(|| Value::Object(Map::new()));
        if !next.is_object() {
            *next = Value::Object(Map::new());
        }
        let Value::Object(inner) = next else {
            return;
        };
        here = inner;
    }
}

/// Merges `from` into `into`, objects key by key.
pub fn merge(into: &mut Map<String, Value>, from: Map<String, Value>) {
    for (key, value) in from {
        match (into.get_mut(&key), value) {
            (Some(Value::Object(a)), Value::Object(b)) => merge(a, b),
            (_, value) => {
                into.insert(key, value);
            }
        }
    }
}

/// Prints the table: name, figure, target and whether it was met.
pub fn print(rows: &[Row]) {
    let name_width = rows
        .iter()
        .map(|r| r.name.chars().count())
        .max()
        .unwrap_or(0);
    let value_width = rows
        .iter()
        .map(|r| r.value.chars().count())
        .max()
        .unwrap_or(0);
    for row in rows {
        let target = match &row.target {
            Some((target, true)) => format!("  target {target}: met"),
            Some((target, false)) => format!("  target {target}: MISSED"),
            None => String::new(),
        };
        println!(
            "{:<name_width$}  {:>value_width$}{target}",
            row.name, row.value
        );
    }
}

/// The median of `values` (0 when empty).
pub fn median(values: &mut [f64]) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    values.sort_by(|a, b| a.total_cmp(b));
    let mid = values.len() / 2;
    if values.len().is_multiple_of(2) {
        (values[mid - 1] + values[mid]) / 2.0
    } else {
        values[mid]
    }
}

/// The `q`-quantile (0..=1) of `values` in the nearest-rank sense (0 when empty).
pub fn quantile(values: &mut [f64], q: f64) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    values.sort_by(|a, b| a.total_cmp(b));
    let rank = ((q * values.len() as f64).ceil() as usize).clamp(1, values.len());
    values[rank - 1]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_nest_and_merge() {
        let mut a = Map::new();
        set_path(&mut a, "append.ratio_vs_raw_insert.c1", Value::from(1.5));
        let mut b = Map::new();
        set_path(&mut b, "append.ratio_vs_raw_insert.c8", Value::from(2.0));
        merge(&mut a, b);
        assert_eq!(
            Value::Object(a),
            serde_json::json!({"append": {"ratio_vs_raw_insert": {"c1": 1.5, "c8": 2.0}}})
        );
    }

    #[test]
    fn medians_and_quantiles() {
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&mut [4.0, 1.0, 2.0, 3.0]), 2.5);
        let mut values: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(quantile(&mut values, 0.5), 50.0);
        assert_eq!(quantile(&mut values, 0.99), 99.0);
    }
}
