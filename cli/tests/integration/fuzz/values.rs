//! Argument values from their declared types, drawn with proptest strategies from one
//! seeded generator: plausible values (often real ids of seeded objects, so commands
//! get past "not found") mixed with hostile ones — empty, blank, very long, control
//! characters, right-to-left overrides, non-ASCII, boundary and overflowing numbers,
//! lenient or impossible decimals and dates, wrong JSON types, nulls where none belong.
//!
//! Every unusual choice is recorded as a tag (`input.name: NUL`), so a failure class
//! can name what its cases had in common.

use async_graphql::parser::types::{BaseType, Type};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde_json::{json, Map, Value};

use super::schema::{ArgValue, InputDef, Kind, Schema};

/// Ids and codes of real objects, mixed into arguments by name.
#[derive(Debug, Default, Clone)]
pub struct Pools {
    /// Ids of every seeded or created object, each with what it is (see [`labels`]).
    pub ids: Vec<(&'static str, String)>,
    /// Project ids and codes.
    pub projects: Vec<String>,
    /// Ledger account codes.
    pub ledger_codes: Vec<String>,
    /// The subjects of the fuzzer's tokens.
    pub subjects: Vec<String>,
}

impl Pools {
    /// Remembers the id of an object of kind `label` (bounded, oldest forgotten first).
    pub fn add_id(&mut self, label: &'static str, id: &str) {
        if !id.is_empty() && !self.ids.iter().any(|(_, i)| i == id) {
            if self.ids.len() >= 400 {
                self.ids.remove(0);
            }
            self.ids.push((label, id.to_string()));
        }
    }
}

/// What kinds of object a name (an operation's or an argument's) is about, e.g.
/// `changeAccountStatus` → account, `lineId` → bank line, `documentId` → invoice or bill.
pub fn labels(name: &str) -> &'static [&'static str] {
    let name = name.to_ascii_lowercase();
    const KINDS: [(&str, &[&str]); 17] = [
        ("ledger", &["ledger account"]),
        ("creditnote", &["credit note"]),
        ("statement", &["statement"]),
        ("line", &["bank line"]),
        ("payment", &["payment"]),
        ("invoice", &["invoice"]),
        ("bill", &["bill"]),
        ("document", &["invoice", "bill"]),
        ("journal", &["journal"]),
        ("employ", &["employee"]),
        ("contact", &["contact"]),
        ("popia", &["contact"]),
        ("lead", &["lead"]),
        ("user", &["user"]),
        ("counterparty", &["account"]),
        ("account", &["account"]),
        ("bbbee", &["account"]),
    ];
    KINDS
        .iter()
        .find(|(word, _)| name.contains(word))
        .map(|(_, kinds)| *kinds)
        .or_else(|| name.contains("cidb").then_some(&["account"][..]))
        .unwrap_or(&[])
}

/// The generator: proptest's runner (its seeded RNG) plus the pools.
pub struct Gen {
    runner: TestRunner,
    pub pools: Pools,
    /// The unusual choices made for the current case.
    pub tags: Vec<String>,
    /// The operation of the current case (its name says what an `id` is).
    operation: String,
    /// How hostile the current case is, in percent of the full rate of odd values: a
    /// fifth of the cases are clean (so commands get through and deeper state is
    /// built), some mild (one or two odd values, easy to attribute), the rest wild.
    hostility: u32,
}

/// Control and formatting characters that must never reach the books unnoticed.
const NASTY: [(&str, &str); 10] = [
    ("\0", "NUL"),
    ("\u{1b}", "ESC"),
    ("\u{7}", "BEL"),
    ("\n", "newline"),
    ("\r", "carriage return"),
    ("\t", "tab"),
    ("\u{202e}", "RTL override"),
    ("\u{200b}", "zero-width space"),
    ("\u{feff}", "BOM"),
    ("\u{7f}", "DEL"),
];

const WORDS: [&str; 12] = [
    "Msunduzi Civils (Pty) Ltd",
    "Thabo",
    "Mokoena",
    "Menlyn Maine phase 2",
    "Site agent",
    "Progress claim 3",
    "Cement, 50 kg",
    "Umhlanga Ridge",
    "Zoë van der Merwe",
    "Ntombizodwa",
    "Retention release",
    "Shuttering subcontract",
];

const FOREIGN: [&str; 6] = [
    "日本語の名前",
    "Ñandú",
    "ق ش ل",
    "😀🏗️",
    "Ελληνικά",
    "ß\u{301}",
];

const INJECTION: [&str; 7] = [
    "'; DROP TABLE events; --",
    "%",
    "_",
    "\\",
    "${jndi:ldap://x}",
    "<script>alert(1)</script>",
    "{\"a\":1}",
];

impl Gen {
    /// A generator seeded with `seed` (the same seed gives the same choices).
    pub fn new(seed: u64, pools: Pools) -> Self {
        let mut bytes = [0u8; 32];
        for (i, b) in bytes.iter_mut().enumerate() {
            *b = (seed >> ((i % 8) * 8)) as u8 ^ (i as u8);
        }
        let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &bytes);
        Self {
            runner: TestRunner::new_with_rng(Config::default(), rng),
            pools,
            tags: Vec::new(),
            operation: String::new(),
            hostility: 100,
        }
    }

    /// One value drawn from `strategy`.
    pub fn pick<S: Strategy>(&mut self, strategy: S) -> S::Value {
        strategy
            .new_tree(&mut self.runner)
            .expect("a value from the strategy")
            .current()
    }

    /// True with probability `percent`%.
    pub fn chance(&mut self, percent: u32) -> bool {
        self.pick(0..100u32) < percent
    }

    /// True with probability `percent`% scaled by the case's hostility: for odd values.
    fn odd(&mut self, percent: u32) -> bool {
        self.pick(0..10_000u32) < percent * self.hostility
    }

    fn one_of<T: Clone>(&mut self, items: &[T]) -> T {
        let i = self.pick(any::<Index>());
        i.get(items).clone()
    }

    fn tag(&mut self, path: &str, what: &str) {
        self.tags.push(format!("{path}: {what}"));
    }

    /// How each of `args` is sent this time.
    pub fn arguments(
        &mut self,
        schema: &Schema,
        operation: &str,
        args: &[InputDef],
    ) -> Vec<ArgValue> {
        self.tags.clear();
        self.operation = operation.to_string();
        self.hostility = self.one_of(&[0, 25, 25, 100, 100]);
        let inline = self.chance(20);
        args.iter()
            .map(|def| match self.field(schema, def, &def.name, 0) {
                None if !inline && self.chance(30) => {
                    self.tag(&def.name, "declared, no value sent");
                    ArgValue::UnsentVariable
                }
                None => ArgValue::Absent,
                Some(v) if inline => ArgValue::Inline(v),
                Some(v) => ArgValue::Variable(v),
            })
            .collect()
    }

    /// An argument's or input field's value; `None` leaves it out.
    fn field(
        &mut self,
        schema: &Schema,
        def: &InputDef,
        path: &str,
        depth: usize,
    ) -> Option<Value> {
        let optional = def.ty.nullable || def.has_default;
        if optional {
            match self.pick(0..100u32) {
                0..=11 => return None,
                12..=21 if def.ty.nullable => return Some(Value::Null),
                _ => {}
            }
        } else if self.odd(2) {
            self.tag(path, "required, absent");
            return None;
        } else if self.odd(2) {
            self.tag(path, "null for non-null");
            return Some(Value::Null);
        }
        Some(self.value(schema, &def.ty, &def.name, path, depth))
    }

    /// A non-null value of `ty`.
    fn value(&mut self, schema: &Schema, ty: &Type, hint: &str, path: &str, depth: usize) -> Value {
        match &ty.base {
            BaseType::List(inner) => {
                if self.odd(4) {
                    // Input coercion lets one value stand for a list of one.
                    self.tag(path, "single value for a list");
                    return self.value(schema, inner, hint, path, depth + 1);
                }
                let len = self.pick(0..=3usize);
                let items = (0..len)
                    .map(|i| {
                        let item_path = format!("{path}[{i}]");
                        if inner.nullable && self.chance(10) {
                            Value::Null
                        } else {
                            self.value(schema, inner, hint, &item_path, depth + 1)
                        }
                    })
                    .collect();
                Value::Array(items)
            }
            BaseType::Named(name) => {
                if self.odd(3) {
                    return self.wrong_type(path);
                }
                match schema.kind(name) {
                    Kind::Enum(values) => self.enum_value(&values, path),
                    Kind::Input(fields) if depth < 6 => {
                        let mut object = Map::new();
                        for def in &fields {
                            let field_path = format!("{path}.{}", def.name);
                            if let Some(v) = self.field(schema, def, &field_path, depth + 1) {
                                object.insert(def.name.clone(), v);
                            }
                        }
                        if self.odd(3) {
                            self.tag(path, "unknown field");
                            object.insert("bogus".into(), json!(1));
                        }
                        Value::Object(object)
                    }
                    Kind::Input(_) | Kind::Object(_) | Kind::Union => Value::Null,
                    Kind::Scalar => self.scalar(name.as_str(), hint, path),
                }
            }
        }
    }

    fn wrong_type(&mut self, path: &str) -> Value {
        self.tag(path, "wrong JSON type");
        self.one_of(&[
            json!(15),
            json!(1.5),
            json!(true),
            json!([]),
            json!({}),
            json!("x"),
        ])
    }

    fn enum_value(&mut self, values: &[String], path: &str) -> Value {
        if !self.odd(8) {
            return Value::String(self.one_of(values));
        }
        match self.pick(0..2u32) {
            0 => {
                self.tag(path, "unknown enum value");
                json!("NOT_A_VALUE")
            }
            _ => {
                self.tag(path, "lower-case enum value");
                Value::String(self.one_of(values).to_lowercase())
            }
        }
    }

    fn scalar(&mut self, name: &str, hint: &str, path: &str) -> Value {
        match name {
            "Int" => self.int(hint, path),
            "Float" => json!(self.pick(-1e6..1e6f64)),
            "Boolean" => json!(self.pick(any::<bool>())),
            "NaiveDate" => Value::String(self.date(path)),
            "DateTime" => Value::String(self.datetime(path)),
            "Rand" => Value::String(self.amount(path)),
            "Decimal" => Value::String(self.decimal(path)),
            "ID" => Value::String(self.id(hint, path)),
            _ => Value::String(self.string(hint, path)),
        }
    }

    fn int(&mut self, hint: &str, path: &str) -> Value {
        let plausible: &[i64] = match hint {
            "days" => &[0, 30, 60, 120],
            "first" => &[1, 5, 20, 100],
            _ => &[0, 1, 10],
        };
        if !self.odd(40) {
            return json!(self.one_of(plausible));
        }
        match self.pick(0..5u32) {
            0 | 1 => {
                self.tag(path, "boundary Int");
                json!(self.one_of(&[-1i64, 121, 101, 1000, 0, i32::MAX as i64, i32::MIN as i64]))
            }
            2 => {
                self.tag(path, "any Int");
                json!(self.pick(any::<i32>()))
            }
            _ => {
                self.tag(path, "Int overflow");
                self.one_of(&[
                    json!(2_147_483_648i64),
                    json!(-2_147_483_649i64),
                    json!(9_007_199_254_740_993u64),
                    json!(1e20),
                    json!(2.5),
                    json!("12"),
                ])
            }
        }
    }

    /// An `ID`: most often a real id, else a string as for any other text.
    fn id(&mut self, hint: &str, path: &str) -> String {
        if self.chance(65) {
            if let Some(id) = self.pooled(hint) {
                if self.odd(8) {
                    let nasty = self.one_of(&NASTY);
                    self.tag(path, &format!("real id with {}", nasty.1));
                    return format!("{id}{}", nasty.0);
                }
                return id;
            }
        }
        self.string(hint, path)
    }

    /// A real id or code for an argument called `hint`, when there is one.
    fn pooled(&mut self, hint: &str) -> Option<String> {
        let lower = hint.to_ascii_lowercase();
        let pool = if lower.contains("project") {
            self.pools.projects.clone()
        } else if lower == "code" || lower == "accountcode" || lower == "account" {
            self.pools.ledger_codes.clone()
        } else if lower == "owner" {
            self.pools.subjects.clone()
        } else {
            // The argument's name says what it is (`paymentId`); a bare `id` is what the
            // operation is about (`qualifyLead`). Mostly such an id, sometimes any.
            let wanted = match labels(hint) {
                [] => labels(&self.operation),
                named => named,
            };
            let fitting: Vec<String> = self
                .pools
                .ids
                .iter()
                .filter(|(label, _)| wanted.contains(label))
                .map(|(_, id)| id.clone())
                .collect();
            if !fitting.is_empty() && self.chance(80) {
                fitting
            } else {
                self.pools.ids.iter().map(|(_, id)| id.clone()).collect()
            }
        };
        if pool.is_empty() {
            return None;
        }
        Some(self.one_of(&pool))
    }

    /// Text for an argument called `hint`: a plausible value for that name about half
    /// the time, else something hostile.
    fn string(&mut self, hint: &str, path: &str) -> String {
        let lower = hint.to_ascii_lowercase();
        let pooled_name = lower.ends_with("id")
            || lower.ends_with("ids")
            || matches!(
                lower.as_str(),
                "projects" | "code" | "accountcode" | "account" | "owner"
            );
        if pooled_name && self.chance(50) {
            if let Some(v) = self.pooled(hint) {
                return v;
            }
        }
        if !self.odd(45) {
            return self.plausible(&lower);
        }
        self.hostile(&lower, path)
    }

    fn plausible(&mut self, hint: &str) -> String {
        let options: Vec<String> = match hint {
            "period" => vec!["2026-03".into(), "2025-12".into(), "2026-01".into()],
            "email" => vec!["thabo@msunduzi.co.za".into(), "a@b.co".into()],
            "phone" => vec!["+27 82 555 0101".into(), "0825550101".into()],
            "vatnumber" => vec!["4123456789".into(), "4999999999".into()],
            "registrationnumber" => vec!["2019/123456/07".into()],
            "taxreference" => vec!["0123456789".into(), "9876543210".into()],
            "designation" => vec!["7GB".into(), "9CE".into(), "1SQ".into()],
            "postalcode" => vec!["0181".into(), "8001".into()],
            "employeenumber" => vec![format!("E{}", self.pick(1000..99999u32))],
            "siteid" | "sites" => vec!["SITE-PTA".into(), "SITE-CPT".into()],
            "costcode" => vec!["03-100".into(), "01-000".into()],
            "code" | "accountcode" | "account" => {
                vec![
                    format!("{}", self.pick(1000..9999u32)),
                    format!("PRJ-{}", self.pick(100..999u32)),
                ]
            }
            "csv" => vec![self.csv()],
            "filename" => vec!["fnb-2026-05.csv".into(), "statement.csv".into()],
            "after" => vec!["MA==".into(), "eyJuIjoxfQ==".into()],
            "reference" | "supplierreference" => vec![format!("EFT {}", self.pick(1..9999u32))],
            _ => WORDS.iter().map(|w| w.to_string()).collect(),
        };
        self.one_of(&options)
    }

    fn hostile(&mut self, hint: &str, path: &str) -> String {
        match self.pick(0..100u32) {
            0..=7 => {
                self.tag(path, "empty");
                String::new()
            }
            8..=15 => {
                self.tag(path, "blank");
                self.one_of(&["   ", "\t", " \n ", "\u{a0}"]).to_string()
            }
            16..=27 => {
                let n = self.one_of(&[101usize, 256, 1001, 9000]);
                self.tag(path, &format!("{n} characters"));
                "x".repeat(n)
            }
            28..=57 => {
                let base = self.plausible(hint);
                let (c, name) = self.one_of(&NASTY);
                self.tag(path, name);
                let at = self.pick(0..=base.chars().count());
                let mut s: String = base.chars().take(at).collect();
                s.push_str(c);
                s.extend(base.chars().skip(at));
                s
            }
            58..=67 => {
                self.tag(path, "non-ASCII");
                self.one_of(&FOREIGN).to_string()
            }
            68..=74 => {
                self.tag(path, "injection-like");
                self.one_of(&INJECTION).to_string()
            }
            75..=84 => {
                let base = self.plausible(hint);
                self.tag(path, "padded");
                format!("  {base}  ")
            }
            _ => {
                self.tag(path, "random text");
                let strategy =
                    proptest::string::string_regex("(.|\n){0,24}").expect("a valid regex");
                self.pick(strategy)
            }
        }
    }

    /// A bank statement: usually a well-formed CSV, sometimes broken in one way.
    fn csv(&mut self) -> String {
        let mut text = String::from("date,description,amount,reference\n");
        for _ in 0..self.pick(0..4usize) {
            let day = self.pick(1..=28u32);
            let cents = self.pick(-5_000_000..5_000_000i64);
            let amount = format!("{}.{:02}", cents / 100, (cents % 100).abs());
            let description = self.one_of(&WORDS);
            let date = if !self.odd(15) {
                format!("2026-05-{day:02}")
            } else {
                self.date("csv.date")
            };
            let amount = if !self.odd(15) {
                amount
            } else {
                self.amount("csv.amount")
            };
            text.push_str(&format!("{date},\"{description}\",{amount},REF {day}\n"));
        }
        if self.odd(10) {
            text = self
                .one_of(&["", "date;amount\n1;2", "\"unterminated", "a,b,c\n1,2,3"])
                .to_string();
        }
        text
    }

    fn date(&mut self, path: &str) -> String {
        if !self.odd(35) {
            let year = self.one_of(&[2024, 2025, 2026, 2026, 2027]);
            let month = self.pick(1..=12u32);
            let day = self.pick(1..=28u32);
            return format!("{year}-{month:02}-{day:02}");
        }
        self.tag(path, "odd date");
        self.one_of(&[
            "0000-01-01",
            "-0001-01-01",
            "+10000-01-01",
            "-9999-01-01",
            "+262143-12-31",
            "9999-12-31",
            "1899-12-31",
            "1900-01-01",
            "2199-12-31",
            "2200-01-01",
            "2026-02-29",
            "2024-02-29",
            "2026-13-01",
            "2026-1-5",
            "2026/01/05",
            " 2026-01-05",
            "2026-01-05T00:00:00",
            "",
        ])
        .to_string()
    }

    fn datetime(&mut self, path: &str) -> String {
        if !self.odd(40) {
            return "2026-03-01T08:00:00Z".to_string();
        }
        self.tag(path, "odd date-time");
        self.one_of(&[
            "0000-01-01T00:00:00Z",
            "2026-03-01",
            "+10000-01-01T00:00:00Z",
            "",
        ])
        .to_string()
    }

    /// Rand: amounts with two places mostly, and every lenient or impossible spelling.
    fn amount(&mut self, path: &str) -> String {
        if !self.odd(40) {
            let cents = self.pick(0..10_000_000i64);
            return format!("{}.{:02}", cents / 100, cents % 100);
        }
        self.tag(path, "odd amount");
        self.one_of(&[
            "0.00",
            "-1.00",
            "-0.00",
            "+1.00",
            "1.",
            ".5",
            " 1.00",
            "1.00 ",
            "1e3",
            "1E-2",
            "1,000.00",
            "R100",
            "1.005",
            "0.001",
            "99999999999999999999999999999.00",
            "79228162514264337593543950335",
            "79228162514264337593543950336",
            "-79228162514264337593543950336",
            "999999999999999999999999999999999999999999.00",
            "NaN",
            "Infinity",
            "",
            "１２３",
        ])
        .to_string()
    }

    /// Decimal (quantities, percentages).
    fn decimal(&mut self, path: &str) -> String {
        if !self.odd(40) {
            return self
                .one_of(&["1", "2.5", "5", "10", "0.5", "100"])
                .to_string();
        }
        self.tag(path, "odd decimal");
        self.one_of(&[
            "0",
            "-1",
            "1e3",
            "1.",
            ".5",
            " 1",
            "101",
            "0.0000000000000000000000000001",
            "0.00000000000000000000000000001",
            "79228162514264337593543950335",
            "79228162514264337593543950336",
            "1000000000000",
            "NaN",
            "",
            "1/2",
        ])
        .to_string()
    }
}
