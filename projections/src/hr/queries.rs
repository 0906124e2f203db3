//! Reads of the HR read models.

use chrono::{DateTime, NaiveDate, Utc};
use constructos_domain::hr::payroll::coida::EmployeeEarnings;
use constructos_infra::{read, ReadError};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use sqlx::PgPool;

/// An employee as the read model holds it. The sensitive fields (`id_number`,
/// `passport_*`, `date_of_birth`, `tax_number`, `bank_account`, `pay_rate`) are for HR
/// roles and the employee themself: the HR service blanks them for anyone else.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct EmployeeRow {
    pub id: String,
    pub employee_number: String,
    pub first_name: String,
    pub last_name: String,
    pub job_title: String,
    pub hired_on: NaiveDate,
    pub site_id: Option<String>,
    pub last_day: Option<NaiveDate>,
    pub termination_reason: Option<String>,
    pub employment_type: Option<String>,
    pub contract_ends: Option<NaiveDate>,
    pub trade: Option<String>,
    pub cost_rate: Option<Decimal>,
    pub days_per_week: Option<i16>,
    pub leave_basis: Option<String>,
    pub line_manager_id: Option<String>,
    pub project_id: Option<String>,
    pub cost_code: Option<String>,
    pub id_number: Option<String>,
    pub passport_number: Option<String>,
    pub passport_country: Option<String>,
    pub date_of_birth: Option<NaiveDate>,
    pub tax_number: Option<String>,
    pub bank_account: Option<serde_json::Value>,
    pub pay_rate: Option<Decimal>,
    pub medical_members: Option<i32>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl EmployeeRow {
    /// The row without its sensitive fields.
    pub fn without_sensitive(mut self) -> Self {
        self.id_number = None;
        self.passport_number = None;
        self.passport_country = None;
        self.date_of_birth = None;
        self.tax_number = None;
        self.bank_account = None;
        self.pay_rate = None;
        self.medical_members = None;
        self
    }
}

const EMPLOYEE_COLUMNS: &str = "id, employee_number, first_name, last_name, job_title, hired_on,
    site_id, last_day, termination_reason, employment_type, contract_ends, trade, cost_rate,
    days_per_week, leave_basis, line_manager_id, project_id, cost_code, id_number,
    passport_number, passport_country, date_of_birth, tax_number, bank_account, pay_rate,
    medical_members, created_at, updated_at";

/// A leave request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct LeaveRequestRow {
    pub id: String,
    pub employee_id: String,
    pub employee_name: String,
    pub kind: String,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub days: Decimal,
    pub reason: String,
    pub status: String,
    pub decided_by: Option<String>,
    pub decline_reason: Option<String>,
    pub requested_at: DateTime<Utc>,
}

/// A week's timesheet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct TimesheetRow {
    pub id: String,
    pub employee_id: String,
    pub employee_name: String,
    pub week_starting: NaiveDate,
    pub status: String,
    pub entries: serde_json::Value,
    pub projects: Vec<String>,
    pub ordinary_hours: Decimal,
    pub overtime_hours: Decimal,
    pub double_hours: Decimal,
    pub cost_rate: Decimal,
    pub total_cost: Option<Decimal>,
    pub gross_pay: Option<Decimal>,
    pub decided_by: Option<String>,
    pub reject_reason: Option<String>,
    pub updated_at: DateTime<Utc>,
}

/// A pay run with its totals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct PayRunRow {
    pub id: String,
    pub frequency: String,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub pay_date: NaiveDate,
    pub status: String,
    pub employees: i32,
    pub gross: Decimal,
    pub paye: Decimal,
    pub uif_employee: Decimal,
    pub uif_employer: Decimal,
    pub sdl: Decimal,
    pub net: Decimal,
    pub calculated_by: Option<String>,
    pub approved_by: Option<String>,
    pub paid_on: Option<NaiveDate>,
    pub reverse_reason: Option<String>,
    pub updated_at: DateTime<Utc>,
}

/// One payslip (the whole document in `payslip`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct PayslipRow {
    pub pay_run_id: String,
    pub employee_id: String,
    pub employee_number: String,
    pub name: String,
    pub pay_date: NaiveDate,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub run_status: String,
    pub tax_year: i32,
    pub gross: Decimal,
    pub paye: Decimal,
    pub uif_employee: Decimal,
    pub uif_employer: Decimal,
    pub sdl: Decimal,
    pub net: Decimal,
    pub payslip: serde_json::Value,
}

/// A month's EMP201 figures: what the employer declares and pays SARS by the 7th of
/// the next month, from the approved (and paid) runs paid in the month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct Emp201Row {
    /// The first day of the month.
    pub month: NaiveDate,
    pub runs: i64,
    pub employees: i64,
    pub gross: Decimal,
    pub paye: Decimal,
    pub sdl: Decimal,
    /// Employee and employer UIF together.
    pub uif: Decimal,
    pub total: Decimal,
}

/// What the leave rules need of an employee.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct LeaveFactsRow {
    pub hired_on: NaiveDate,
    pub last_day: Option<NaiveDate>,
    pub days_per_week: Option<i16>,
    pub leave_basis: Option<String>,
}

/// Reads of the HR database's read models.
#[derive(Clone)]
pub struct HrQueries {
    pool: PgPool,
}

/// Rows a list returns at most.
const LIMIT: i64 = 500;

impl HrQueries {
    /// Queries over the HR database.
    pub fn new(pool: PgPool) -> Self {
        Self { pool }
    }

    /// Employees by name. With `own_for`, only the employee that user is linked to
    /// (by record id or employee number): self-service, row-level.
    pub async fn employees(&self, own_for: Option<&str>) -> Result<Vec<EmployeeRow>, ReadError> {
        self.select(own_for, None).await
    }

    /// One employee, under the same rule.
    pub async fn employee(
        &self,
        id: &str,
        own_for: Option<&str>,
    ) -> Result<Option<EmployeeRow>, ReadError> {
        Ok(self.select(own_for, Some(id)).await?.pop())
    }

    async fn select(
        &self,
        own_for: Option<&str>,
        id: Option<&str>,
    ) -> Result<Vec<EmployeeRow>, ReadError> {
        sqlx::query_as(&format!(
            "SELECT {EMPLOYEE_COLUMNS}
               FROM read_model.employees e
              WHERE ($2::text IS NULL OR e.id = $2)
                AND ($1::text IS NULL
                 OR EXISTS (SELECT 1 FROM read_model.user_links l
                             WHERE l.user_id = $1
                               AND l.employee_id IN (e.id, e.employee_number)))
              ORDER BY lower(last_name), lower(first_name), id
              LIMIT {LIMIT}"
        ))
        .bind(own_for)
        .bind(id)
        .fetch_all(&self.pool)
        .await
        .map_err(read("Failed to read employees"))
    }

    /// The employee record `user` is linked to (by id or employee number), if any.
    pub async fn employee_of_user(&self, user: &str) -> Result<Option<String>, ReadError> {
        sqlx::query_scalar(
            "SELECT e.id FROM read_model.user_links l
               JOIN read_model.employees e ON l.employee_id IN (e.id, e.employee_number)
              WHERE l.user_id = $1",
        )
        .bind(user)
        .fetch_optional(&self.pool)
        .await
        .map_err(read("Failed to read user links"))
    }

    /// The ids of the projects `user` is assigned to, directly or through a site.
    pub async fn assigned_projects(&self, user: &str) -> Result<Vec<String>, ReadError> {
        sqlx::query_scalar(
            "SELECT p.id FROM read_model.known_projects p
               JOIN read_model.user_assignments a ON a.user_id = $1
              WHERE p.id = ANY (a.projects) OR p.code = ANY (a.projects)
                 OR p.site_id = ANY (a.sites)
              ORDER BY p.id",
        )
        .bind(user)
        .fetch_all(&self.pool)
        .await
        .map_err(read("Failed to read assignments"))
    }

    /// The id of the project with id or code `given`, if HR has heard of it.
    pub async fn known_project(&self, given: &str) -> Result<Option<String>, ReadError> {
        sqlx::query_scalar(
            "SELECT id FROM read_model.known_projects WHERE id = $1 OR code = $1
              ORDER BY (id = $1) DESC LIMIT 1",
        )
        .bind(given)
        .fetch_optional(&self.pool)
        .await
        .map_err(read("Failed to read known projects"))
    }

    /// The known projects among `given` ids or codes: (given, id).
    pub async fn known_projects(
        &self,
        given: &[String],
    ) -> Result<Vec<(String, String)>, ReadError> {
        sqlx::query_as(
            "SELECT g, p.id FROM unnest($1::text[]) AS g
               JOIN read_model.known_projects p ON p.id = g OR p.code = g",
        )
        .bind(given)
        .fetch_all(&self.pool)
        .await
        .map_err(read("Failed to read known projects"))
    }

    /// Employees with a profile employed at some time from `start` to `end`: whom a
    /// pay run of the period considers.
    pub async fn employed_between(
        &self,
        start: NaiveDate,
        end: NaiveDate,
    ) -> Result<Vec<String>, ReadError> {
        sqlx::query_scalar(
            "SELECT id FROM read_model.employees
              WHERE hired_on <= $2 AND (last_day IS NULL OR last_day >= $1)
              ORDER BY employee_number",
        )
        .bind(start)
        .bind(end)
        .fetch_all(&self.pool)
        .await
        .map_err(read("Failed to read employees"))
    }

    /// What the leave rules need of employee `id`.
    pub async fn leave_facts(&self, id: &str) -> Result<Option<LeaveFactsRow>, ReadError> {
        sqlx::query_as(
            "SELECT hired_on, last_day, days_per_week, leave_basis
               FROM read_model.employees WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await
        .map_err(read("Failed to read employees"))
    }

    /// Leave requests, latest first: of `employee` when given; of the employees whose
    /// line manager is `managed_by` when given; `pending_only` narrows to undecided.
    pub async fn leave_requests(
        &self,
        employee: Option<&str>,
        managed_by: Option<&str>,
        pending_only: bool,
    ) -> Result<Vec<LeaveRequestRow>, ReadError> {
        sqlx::query_as(&format!(
            "SELECT r.id, r.employee_id, e.first_name || ' ' || e.last_name AS employee_name,
                    r.kind, r.first_day, r.last_day, r.days, r.reason, r.status, r.decided_by,
                    r.decline_reason, r.requested_at
               FROM read_model.leave_requests r
               JOIN read_model.employees e ON e.id = r.employee_id
              WHERE ($1::text IS NULL OR r.employee_id = $1)
                AND ($2::text IS NULL OR e.line_manager_id = $2)
                AND (NOT $3 OR r.status = 'PENDING')
              ORDER BY r.first_day DESC, r.id
              LIMIT {LIMIT}"
        ))
        .bind(employee)
        .bind(managed_by)
        .bind(pending_only)
        .fetch_all(&self.pool)
        .await
        .map_err(read("Failed to read leave requests"))
    }

    /// Timesheets, latest week first; with `projects`, only weeks on those projects.
    pub async fn timesheets(
        &self,
        projects: Option<&[String]>,
        employee: Option<&str>,
        id: Option<&str>,
    ) -> Result<Vec<TimesheetRow>, ReadError> {
        sqlx::query_as(&format!(
            "SELECT t.id, t.employee_id, e.first_name || ' ' || e.last_name AS employee_name,
                    t.week_starting, t.status, t.entries, t.projects, t.ordinary_hours,
                    t.overtime_hours, t.double_hours, t.cost_rate, t.total_cost, t.gross_pay,
                    t.decided_by, t.reject_reason, t.updated_at
               FROM read_model.timesheets t
               JOIN read_model.employees e ON e.id = t.employee_id
              WHERE ($1::text[] IS NULL OR t.projects <@ $1)
                AND ($2::text IS NULL OR t.employee_id = $2)
                AND ($3::text IS NULL OR t.id = $3)
              ORDER BY t.week_starting DESC, employee_name, t.id
              LIMIT {LIMIT}"
        ))
        .bind(projects)
        .bind(employee)
        .bind(id)
        .fetch_all(&self.pool)
        .await
        .map_err(read("Failed to read timesheets"))
    }

    /// Pay runs, latest pay date first (or the one `id`).
    pub async fn pay_runs(&self, id: Option<&str>) -> Result<Vec<PayRunRow>, ReadError> {
        sqlx::query_as(&format!(
            "SELECT id, frequency, period_start, period_end, pay_date, status, employees, gross,
                    paye, uif_employee, uif_employer, sdl, net, calculated_by, approved_by,
                    paid_on, reverse_reason, updated_at
               FROM read_model.pay_runs
              WHERE ($1::text IS NULL OR id = $1)
              ORDER BY pay_date DESC, id DESC
              LIMIT {LIMIT}"
        ))
        .bind(id)
        .fetch_all(&self.pool)
        .await
        .map_err(read("Failed to read pay runs"))
    }

    /// Payslips of a run, or of an employee (latest first).
    pub async fn payslips(
        &self,
        run: Option<&str>,
        employee: Option<&str>,
    ) -> Result<Vec<PayslipRow>, ReadError> {
        sqlx::query_as(&format!(
            "SELECT s.pay_run_id, s.employee_id, s.employee_number, s.name, r.pay_date,
                    r.period_start, r.period_end, r.status AS run_status, s.tax_year, s.gross,
                    s.paye, s.uif_employee, s.uif_employer, s.sdl, s.net, s.payslip
               FROM read_model.payslips s
               JOIN read_model.pay_runs r ON r.id = s.pay_run_id
              WHERE ($1::text IS NULL OR s.pay_run_id = $1)
                AND ($2::text IS NULL OR s.employee_id = $2)
              ORDER BY r.pay_date DESC, s.employee_number
              LIMIT {LIMIT}"
        ))
        .bind(run)
        .bind(employee)
        .fetch_all(&self.pool)
        .await
        .map_err(read("Failed to read payslips"))
    }

    /// Each employee's gross pay from the approved and paid runs with a pay date in
    /// `from..=to` (what a COIDA Return of Earnings declares), by employee number.
    pub async fn earnings_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<EmployeeEarnings>, ReadError> {
        let rows: Vec<(String, String, Decimal)> = sqlx::query_as(
            "SELECT s.employee_id, min(s.name) AS name, sum(s.gross) AS earnings
               FROM read_model.payslips s
               JOIN read_model.pay_runs r ON r.id = s.pay_run_id
              WHERE r.status IN ('APPROVED', 'PAID')
                AND r.pay_date BETWEEN $1 AND $2
              GROUP BY s.employee_id
              ORDER BY min(s.employee_number)",
        )
        .bind(from)
        .bind(to)
        .fetch_all(&self.pool)
        .await
        .map_err(read("Failed to read the year's earnings"))?;
        Ok(rows
            .into_iter()
            .map(|(employee_id, name, earnings)| EmployeeEarnings {
                employee_id,
                name,
                earnings,
            })
            .collect())
    }

    /// The EMP201 figures of each month of the calendar year `year` with approved runs.
    pub async fn emp201(&self, year: i32) -> Result<Vec<Emp201Row>, ReadError> {
        sqlx::query_as(
            "SELECT date_trunc('month', pay_date)::date AS month, count(*) AS runs,
                    sum(employees)::bigint AS employees, sum(gross) AS gross, sum(paye) AS paye,
                    sum(sdl) AS sdl, sum(uif_employee + uif_employer) AS uif,
                    sum(paye + sdl + uif_employee + uif_employer) AS total
               FROM read_model.pay_runs
              WHERE status IN ('APPROVED', 'PAID')
                AND extract(year FROM pay_date) = $1
              GROUP BY 1
              ORDER BY 1",
        )
        .bind(year)
        .fetch_all(&self.pool)
        .await
        .map_err(read("Failed to read the EMP201 figures"))
    }
}
