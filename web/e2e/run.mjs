// End to end in a real browser: Debian's chromium driven by playwright-core against the
// stack `scripts/web.sh e2e` started (BASE_URL). Screenshots of each step go to
// web/test-results/. Prints "N passed, N failed" and exits non-zero on any failure.
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const BASE = process.env.BASE_URL ?? 'http://127.0.0.1:8080';
const OUT = new URL('../test-results/', import.meta.url).pathname;
mkdirSync(OUT, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-dev-shm-usage'],
});

const results = [];
const shared = {};

async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'en-ZA', timezoneId: 'Africa/Johannesburg' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const problems = [];
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(text)) problems.push(text);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return { context, page, problems };
}

async function step(name, run) {
  const { context, page, problems } = await newPage();
  const started = Date.now();
  try {
    await run(page);
    if (problems.length > 0) throw new Error(`the page reported: ${problems.join(' | ')}`);
    results.push({ name, ok: true });
    console.log(`PASS ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    results.push({ name, ok: false });
    console.log(`FAIL ${name}: ${error instanceof Error ? error.stack : error}`);
    await page.screenshot({ path: `${OUT}failure-${name.replace(/\W+/g, '-')}.png`, fullPage: true }).catch(() => undefined);
  } finally {
    await context.close();
  }
}

async function signInAs(page, name) {
  await page.getByRole('button', { name: new RegExp(`^Sign in as ${name}`) }).click();
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

await step('finance user raises an invoice with two lines and retention', async (page) => {
  // A direct URL while signed out: sign in, then back to the page asked for.
  await page.goto(`${BASE}/finance/invoices`);
  await page.getByRole('heading', { name: 'Sign in to ConstructOS' }).waitFor();
  await page.screenshot({ path: `${OUT}00-sign-in.png`, fullPage: true });
  await signInAs(page, 'Naledi Mokoena');
  await page.getByRole('heading', { name: 'Invoices', level: 1 }).waitFor();
  expect(new URL(page.url()).pathname === '/finance/invoices', `back on the invoices, not ${page.url()}`);

  await page.getByRole('link', { name: 'Raise invoice' }).click();
  await page.getByRole('heading', { name: 'Raise invoice' }).waitFor();
  await page.getByLabel('Line 1 description').fill('Foundations: progress claim 1');
  await page.getByLabel('Line 1 quantity').fill('2');
  await page.getByLabel('Line 1 unit price').fill('125000.00');
  await page.getByRole('button', { name: 'Add line' }).click();
  await page.getByLabel('Line 2 description').fill('Site establishment');
  await page.getByLabel('Line 2 quantity').fill('1');
  await page.getByLabel('Line 2 unit price').fill('48500.50');
  await page.getByLabel('Retention (%)').fill('10');
  const customer = await page.getByLabel('Customer').evaluate((select) => select.options[select.selectedIndex].text);

  // What the form works out before anything is sent: 48 500.50 × 15% = 7 275.075 → 7 275.08.
  const totals = page.getByRole('table', { name: 'Totals before submit' });
  const row = (label) => totals.getByRole('row', { name: label });
  await row(/Total incl\. VAT/).getByText('R 343 275.58').waitFor();
  expect((await page.getByLabel('Line 2 VAT', { exact: true }).textContent())?.includes('R 7 275.08'), 'line 2 VAT');
  expect((await row(/^VAT/).textContent())?.includes('R 44 775.08'), 'VAT');
  // Retention by SARS's rule: 10% of the value excl. VAT, its VAT deferred to release.
  expect((await row(/^Retention/).textContent())?.includes('R 29 850.05'), 'retention');
  expect((await row(/VAT on retention/).textContent())?.includes('R 4 477.51'), 'VAT deferred');
  expect((await row(/Amount due/).textContent())?.includes('R 308 948.02'), 'amount due');
  await page.screenshot({ path: `${OUT}01-finance-raise-invoice.png`, fullPage: true });

  await page.getByRole('button', { name: 'Raise invoice' }).click();
  const raised = page.getByRole('status').filter({ hasText: /Invoice INV-\S+ raised/ });
  await raised.waitFor();
  const number = /Invoice (INV-\S+) raised/.exec((await raised.textContent()) ?? '')?.[1];
  expect(number, 'the invoice number');
  const link = page.getByRole('table', { name: 'Invoices' }).getByRole('link', { name: number, exact: true });
  await link.waitFor({ timeout: 30_000 });
  const line = page
    .getByRole('table', { name: 'Invoices' })
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name: number, exact: true }) });
  const text = (await line.textContent()) ?? '';
  for (const amount of ['R 298 500.50', 'R 44 775.08', 'R 343 275.58', 'R 29 850.05', 'R 308 948.02']) {
    expect(text.includes(amount), `the list shows ${amount} for ${number}: ${text}`);
  }
  shared.invoiceId = new URL(await link.getAttribute('href'), BASE).pathname.split('/').pop();
  shared.number = number;
  await page.screenshot({ path: `${OUT}02-finance-invoice-in-list.png`, fullPage: true });

  // The customer pays R 100 000 of it: recorded against the invoice, its open amount falls.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Payments' }).click();
  await page.getByRole('button', { name: 'Record payment' }).click();
  const form = page.getByRole('form', { name: 'Record payment' });
  await form.getByLabel('Customer').selectOption({ label: customer });
  await form.getByLabel('Amount (R)').fill('100000.00');
  await form.getByLabel('Reference').fill(`EFT ${number}`);
  await form.getByLabel('Settles').selectOption({ label: `${number} (open R 308 948.02)` });
  await form.getByRole('button', { name: 'Record payment' }).click();
  await form.waitFor({ state: 'detached' });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Invoices' }).click();
  const deadline = Date.now() + 30_000;
  for (;;) {
    const row = page.getByRole('table', { name: 'Invoices' }).getByRole('row').filter({ has: page.getByRole('link', { name: number, exact: true }) });
    await row.waitFor();
    if (((await row.textContent()) ?? '').includes('R 208 948.02')) break;
    expect(Date.now() < deadline, `the open amount of ${number} fell by the payment`);
    await page.waitForTimeout(500);
    await page.reload();
  }
});

await step('site manager sees no finance and a finance URL is not allowed', async (page) => {
  await page.goto(`${BASE}/sign-in`);
  await signInAs(page, 'Sipho Khumalo');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Projects' }).waitFor();
  expect((await nav.getByText('Finance', { exact: true }).count()) === 0, 'no finance menu group');
  expect((await nav.getByRole('link', { name: 'Invoices' }).count()) === 0, 'no invoices link');
  await page.screenshot({ path: `${OUT}03-site-manager-menu.png`, fullPage: true });
  await page.goto(`${BASE}/finance/invoices`);
  await page.getByRole('alert').filter({ hasText: 'not allowed for your role' }).waitFor();
  await page.screenshot({ path: `${OUT}04-site-manager-finance-not-allowed.png`, fullPage: true });
});

await step('auditor opens the ledger history of that invoice', async (page) => {
  expect(shared.invoiceId, 'an invoice from the first step');
  await page.goto(`${BASE}/finance/invoices/${shared.invoiceId}`);
  await signInAs(page, 'Lerato Molefe');
  await page.getByRole('article', { name: new RegExp(`Tax Invoice ${shared.number}`) }).waitFor();
  await page.getByRole('link', { name: 'Ledger history of this invoice' }).click();
  const history = page.getByRole('table', { name: `Ledger history of ${shared.invoiceId}` });
  await history.waitFor();
  await history.getByText(/InvoiceRaised/).first().waitFor();
  expect((await history.textContent())?.includes('naledi.finance'), 'who raised it');
  await page.screenshot({ path: `${OUT}05-auditor-ledger-history.png`, fullPage: true });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Ledger verification' }).click();
  await page.getByRole('button', { name: 'Verify the ledger' }).click();
  await page.getByRole('status').filter({ hasText: 'The ledger is intact' }).waitFor();
  await page.screenshot({ path: `${OUT}06-auditor-ledger-verified.png`, fullPage: true });
});

await step('a refused token leads back to sign-in and then to the same page', async (page) => {
  await page.goto(`${BASE}/sign-in`);
  await signInAs(page, 'Lerato Molefe');
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  await page.goto(`${BASE}/finance/aged`);
  await page.getByRole('heading', { name: 'Aged debtors & creditors' }).waitFor();
  // The gateway stops accepting the token (as when it expires): the next request is a 401.
  await page.evaluate(() => {
    const raw = sessionStorage.getItem('constructos.session');
    const session = raw ? JSON.parse(raw) : {};
    sessionStorage.setItem('constructos.session', JSON.stringify({ ...session, accessToken: 'not-a-token' }));
  });
  await page.reload();
  await page.getByText('Your session has ended').waitFor();
  await signInAs(page, 'Lerato Molefe');
  await page.getByRole('heading', { name: 'Aged debtors & creditors' }).waitFor();
  expect(new URL(page.url()).pathname === '/finance/aged', `back on the aged report, not ${page.url()}`);
});

// GraphQL as a demo person, outside the page (the e2e's own setup): a token from the
// development issuer, then `POST /graphql`.
async function gql(page, subject, query, variables = {}) {
  const minted = await page.request.post(`${BASE}/dev/token`, { data: { subject } });
  const { accessToken } = await minted.json();
  const answer = await page.request.post(`${BASE}/graphql`, { headers: { authorization: `Bearer ${accessToken}` }, data: { query, variables } });
  const body = await answer.json();
  if (body.errors?.length) throw new Error(`${subject}: ${body.errors.map((e) => e.message).join('; ')}`);
  return body.data;
}

async function until(what, probe, timeout = 30_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await probe();
    if (value) return value;
    expect(Date.now() < deadline, `waited for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 400));
  }
}

await step('project manager opens a project, sets its contract and bill, and claims progress', async (page) => {
  const code = `E2E-${Date.now().toString(36).toUpperCase()}`;
  const name = 'Hatfield Clinic Extension';
  shared.projectCode = code;
  shared.projectLabel = `${code} ${name}`;

  // The project manager opens the project from the list's "New project".
  await page.goto(`${BASE}/projects`);
  await signInAs(page, 'Kagiso Sithole');
  await page.getByRole('heading', { name: 'Projects', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'New project' }).click();
  const open = page.getByRole('form', { name: 'New project' });
  await open.getByLabel(/^Code/).fill(code);
  await open.getByLabel(/^Name/).fill(name);
  await open.getByLabel(/^Site id/).fill('SITE-PTA-07');
  await open.getByLabel(/^Site name/).fill('Hatfield, Pretoria');
  await open.getByLabel('Starts on').fill('2026-12-01');
  await open.getByRole('button', { name: 'Open project' }).click();

  // Site and project managers see only the projects they are assigned to: the
  // administrator assigns this one (the e2e's own setup, through GraphQL), and the
  // project's page, waiting for it, shows it.
  await page.waitForURL(/\/projects\/[^/]+$/);
  const user = await until('the project manager’s user record', async () =>
    (await gql(page, 'zanele.admin', '{ users { id subject } }')).users.find((u) => u.subject === 'kagiso.projects'),
  );
  await until('identity to know the new project', async () =>
    gql(page, 'zanele.admin', 'mutation ($id: ID!, $projects: [String!]!) { assignUser(id: $id, projects: $projects, sites: []) { id } }', {
      id: user.id,
      projects: [code],
    }).then(
      () => true,
      (error) => {
        if (/no project/.test(String(error))) return false;
        throw error;
      },
    ),
  );
  await page.getByRole('heading', { name: `${code} ${name}`, level: 1 }).waitFor({ timeout: 30_000 });
  await page.getByLabel('Project status').getByText('Awarded').waitFor();

  // The contract: R 1 000 000, 10% retention capped at 5% of the contract value.
  await page.getByRole('button', { name: 'Set contract' }).click();
  const terms = page.getByRole('form', { name: 'Contract terms' });
  await terms.getByLabel('Contract value excl. VAT (R)').fill('1000000.00');
  await terms.getByLabel('Retention (%)').fill('10');
  await terms.getByLabel('Retention cap (% of contract value)').fill('5');
  await terms.getByRole('button', { name: 'Save contract' }).click();
  await page.getByRole('table', { name: 'Contract' }).getByText('R 1 000 000.00').waitFor({ timeout: 30_000 });

  // The bill of quantities: two items, R 150 000 and 400 m³ at R 1 500.
  await page.getByRole('tab', { name: 'Bill of quantities' }).click();
  await page.getByRole('button', { name: 'Set bill of quantities' }).click();
  const bill = page.getByRole('form', { name: 'Set bill of quantities' });
  await bill.getByLabel('Line 1 item').fill('1');
  await bill.getByLabel('Line 1 description').fill('Site establishment');
  await bill.getByLabel('Line 1 unit').fill('sum');
  await bill.getByLabel('Line 1 quantity').fill('1');
  await bill.getByLabel('Line 1 rate').fill('150000.00');
  await bill.getByRole('button', { name: 'Add item' }).click();
  await bill.getByLabel('Line 2 item').fill('2');
  await bill.getByLabel('Line 2 description').fill('Concrete foundations');
  await bill.getByLabel('Line 2 unit').fill('m3');
  await bill.getByLabel('Line 2 quantity').fill('400');
  await bill.getByLabel('Line 2 rate').fill('1500.00');
  await bill.getByLabel('Line 2 amount').getByText('R 600 000.00').waitFor();
  await bill.getByRole('button', { name: 'Save bill of quantities' }).click();
  await page.getByRole('table', { name: 'Bill of quantities' }).getByText('Concrete foundations').waitFor({ timeout: 30_000 });

  // A claim: 100% of item 1 and 25% of item 2; the server's preview before submit.
  await page.getByRole('tab', { name: 'Progress claims' }).click();
  await page.getByRole('button', { name: 'New claim' }).click();
  const claim = page.getByRole('form', { name: 'New claim' });
  await claim.getByLabel('Item 1 percent to date').fill('100');
  await claim.getByLabel('Item 2 percent to date').fill('25');
  const totals = claim.getByRole('table', { name: 'Claim before submit' });
  const row = (label) => totals.getByRole('row', { name: label });
  // amount 150 000 + 150 000; retention 10% of it (under the 5% cap of R 50 000);
  // VAT 15% of amount − retention; due now amount − retention + VAT.
  await row(/Due now/).getByText('R 310 500.00').waitFor();
  expect((await row(/^Amount/).textContent())?.includes('R 300 000.00'), 'amount');
  expect((await row(/^Retention \(10%\)/).textContent())?.includes('R 30 000.00'), 'retention');
  expect((await row(/^VAT now/).textContent())?.includes('R 40 500.00'), 'VAT now');
  expect((await row(/VAT deferred/).textContent())?.includes('R 4 500.00'), 'VAT deferred on retention');
  expect((await claim.getByLabel('Item 2 this claim').textContent())?.includes('R 150 000.00'), 'item 2 this claim');
  await page.screenshot({ path: `${OUT}07-project-claim-preview.png`, fullPage: true });
  await claim.getByRole('button', { name: 'Submit claim' }).click();

  // The claim as recorded: SUBMITTED with the same figures; approving it makes it APPROVED.
  const claims = page.getByRole('table', { name: 'Progress claims' });
  const first = claims.getByRole('row', { name: /^PC-/ }).first();
  await first.getByText('Submitted', { exact: true }).waitFor({ timeout: 30_000 });
  const recorded = (await first.textContent()) ?? '';
  for (const amount of ['R 300 000.00', 'R 30 000.00', 'R 40 500.00', 'R 310 500.00']) {
    expect(recorded.includes(amount), `the submitted claim shows ${amount}: ${recorded}`);
  }
  await page.screenshot({ path: `${OUT}08-project-claim-submitted.png`, fullPage: true });
  await first.getByRole('button', { name: /^Approve PC-/ }).click();
  await first.getByText('Approved', { exact: true }).waitFor({ timeout: 30_000 });
  // The approval raised a tax invoice in finance: the claim shows its number.
  // (finance may park the claim a moment, e.g. while its chart is still being seeded;
  // the screen keeps asking while an approved claim's invoice is being issued)
  await first.getByText(/^Invoice INV-\d+$/).waitFor({ timeout: 90_000 });
  await page.screenshot({ path: `${OUT}09-project-claim-approved.png`, fullPage: true });
  shared.projectUrl = page.url();
});

await step('project manager builds the work breakdown and a cycle is refused', async (page) => {
  expect(shared.projectUrl, 'a project from the previous step');
  await page.goto(shared.projectUrl);
  await signInAs(page, 'Kagiso Sithole');
  await page.getByRole('tab', { name: 'Work breakdown' }).click();
  const add = async (kind, code, itemName, budget) => {
    await page.getByRole('button', { name: 'Add phase or task' }).click();
    const form = page.getByRole('form', { name: 'Add phase or task' });
    await form.getByLabel('Kind').selectOption(kind);
    if (kind === 'TASK') await form.getByLabel(/^Phase/).selectOption('1');
    await form.getByLabel(/^Code/).fill(code);
    await form.getByLabel(/^Name/).fill(itemName);
    if (budget) await form.getByLabel('Budget excl. VAT (R)').fill(budget);
    await form.getByRole('button', { name: 'Add' }).click();
    await form.waitFor({ state: 'detached' });
    await page.getByRole('row', { name: `${code} ${itemName}` }).waitFor({ timeout: 30_000 });
  };
  await add('PHASE', '1', 'Substructure');
  await add('TASK', '1.1', 'Excavations', '80000.00');
  await add('TASK', '1.2', 'Foundations', '120000.00');

  const dependency = page.getByRole('form', { name: 'Add dependency' });
  await dependency.getByLabel('Starts after (predecessor)').selectOption('1.1');
  await dependency.getByLabel('Item (successor)').selectOption('1.2');
  await dependency.getByRole('button', { name: 'Add dependency' }).click();
  await page.getByRole('row', { name: '1.2 Foundations' }).getByText('after 1.1').waitFor({ timeout: 30_000 });
  // The other way round would close a cycle: the server refuses and says why.
  await dependency.getByLabel('Starts after (predecessor)').selectOption('1.2');
  await dependency.getByLabel('Item (successor)').selectOption('1.1');
  await dependency.getByRole('button', { name: 'Add dependency' }).click();
  await dependency.getByRole('alert').filter({ hasText: /cycle/ }).waitFor();

  // Progress on 1.1: half done, so the earned value is R 40 000.
  await page.getByRole('button', { name: 'Record progress of 1.1' }).click();
  const progress = page.getByRole('form', { name: 'Progress of 1.1' });
  await progress.getByLabel('Percent complete').fill('50');
  await progress.getByRole('button', { name: 'Record' }).click();
  await page.getByRole('row', { name: '1.1 Excavations' }).getByText('50%').waitFor({ timeout: 30_000 });
  await page.getByRole('group', { name: 'Earned value' }).getByText('R 40 000.00').waitFor({ timeout: 30_000 });
  await page.screenshot({ path: `${OUT}10-project-work-breakdown.png`, fullPage: true });
});

await step('project manager decides variations and reaches practical completion', async (page) => {
  expect(shared.projectUrl, 'a project from the earlier steps');
  await page.goto(shared.projectUrl);
  await signInAs(page, 'Kagiso Sithole');
  await page.getByRole('tab', { name: 'Variations' }).click();
  const propose = page.getByRole('form', { name: 'Propose variation' });
  const variations = page.getByRole('table', { name: 'Variations' });
  await propose.getByLabel(/^Description/).fill('Additional parking bay');
  await propose.getByLabel(/^Amount excl\. VAT/).fill('50000.00');
  await propose.getByRole('button', { name: 'Propose variation' }).click();
  await variations.getByRole('button', { name: 'Approve VO-001' }).click({ timeout: 30_000 });
  await page.getByRole('group', { name: 'Contract value' }).getByText('R 1 050 000.00').waitFor({ timeout: 30_000 });
  await propose.getByLabel(/^Description/).fill('Omit the boundary wall');
  await propose.getByLabel(/^Amount excl\. VAT/).fill('-10000.00');
  await propose.getByRole('button', { name: 'Propose variation' }).click();
  await variations.getByRole('button', { name: 'Reject VO-002' }).click({ timeout: 30_000 });
  const reject = page.getByRole('form', { name: 'Reject VO-002' });
  await reject.getByLabel(/^Reason/).fill('The client keeps the wall');
  await reject.getByRole('button', { name: 'Reject variation' }).click();
  await reject.waitFor({ state: 'detached' });
  await variations.getByText('The client keeps the wall').waitFor({ timeout: 30_000 });
  await page.getByRole('tab', { name: 'Bill of quantities' }).click();
  await page.getByRole('table', { name: 'Bill of quantities' }).getByText('VO-001').waitFor();

  // The life cycle: in progress, then practical completion, which releases half the retention.
  await page.getByRole('button', { name: 'Move to in progress' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Change status' }).click();
  await page.getByLabel('Project status').getByText('In progress').waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Move to practical completion' }).click();
  await page.getByRole('dialog').getByText('releases 50% of the retention held').waitFor();
  await page.getByRole('dialog').getByRole('button', { name: 'Change status' }).click();
  await page.getByLabel('Project status').getByText('Practical completion').waitFor({ timeout: 30_000 });
  await page.getByRole('table', { name: 'Retention releases' }).getByText('R 15 000.00').waitFor({ timeout: 30_000 });
  await page.screenshot({ path: `${OUT}11-project-practical-completion.png`, fullPage: true });
});

// The trade side on the project of the earlier steps: a purchase order raised by the
// site manager, refused over his limit, approved by the project manager within hers,
// received in two parts, and its bills matched (one blocked by its price); a sales
// order placed, confirmed and shipped in part, and the invoice finance raised for it.

async function assignTo(page, subject, code) {
  const user = await until(`the user record of ${subject}`, async () =>
    (await gql(page, 'zanele.admin', '{ users { id subject projects sites } }')).users.find((u) => u.subject === subject),
  );
  await gql(page, 'zanele.admin', 'mutation ($id: ID!, $projects: [String!]!, $sites: [String!]!) { assignUser(id: $id, projects: $projects, sites: $sites) { id } }', {
    id: user.id,
    projects: [...new Set([...user.projects, code])],
    sites: user.sites,
  });
  await until(`${subject} to see project ${code}`, async () => (await gql(page, subject, '{ projects { code } }')).projects.some((p) => p.code === code));
}

/** The text of a row of the order's lines table. */
async function lineText(page, n) {
  return (await page.getByRole('table', { name: 'Order lines' }).getByRole('row', { name: `Line ${n}`, exact: true }).textContent()) ?? '';
}

async function waitForLine(page, n, pattern) {
  await until(`line ${n} to show ${pattern}`, async () => pattern.test(await lineText(page, n)), 30_000);
}

await step('a purchase order is refused over a limit, approved within one, received in two parts and its bills matched', async (page) => {
  expect(shared.projectCode && shared.projectUrl, 'a project from the earlier steps');
  await assignTo(page, 'sipho.site', shared.projectCode);

  // The site manager raises R 120 500 of cement and concrete for the project.
  await page.goto(`${BASE}/purchase-orders`);
  await signInAs(page, 'Sipho Khumalo');
  await page.getByRole('heading', { name: 'Purchase orders', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'New purchase order' }).click();
  const form = page.getByRole('form', { name: 'New purchase order' });
  await form.getByLabel(/^Supplier/).selectOption({ label: 'Highveld Cement & Aggregates' });
  await form.getByLabel(/^Project/).selectOption({ label: shared.projectLabel });
  await form.getByLabel(/^Cost code/).fill('CONCRETE');
  await form.getByLabel('Line 1 SKU').fill('cem-50kg');
  await form.getByLabel('Line 1 description').fill('Cement 50 kg');
  await form.getByLabel('Line 1 quantity').fill('100');
  await form.getByLabel('Line 1 unit price').fill('95.00');
  await form.getByRole('button', { name: 'Add line' }).click();
  await form.getByLabel('Line 2 description').fill('Ready-mix concrete 30 MPa');
  await form.getByLabel('Line 2 quantity').fill('60');
  await form.getByLabel('Line 2 unit price').fill('1850.00');
  await form.getByLabel('Line 2 value').getByText('R 111 000.00').waitFor();
  await form.getByLabel('Order total excl. VAT').getByText('R 120 500.00').waitFor();
  await form.getByRole('button', { name: 'Raise order' }).click();
  await page.waitForURL(/\/purchase-orders\/[^/]+$/);
  const heading = page.getByRole('heading', { name: /^Purchase order PO-\d{4}-\d{5}$/, level: 1 });
  await heading.waitFor({ timeout: 45_000 });
  const number = ((await heading.textContent()) ?? '').replace('Purchase order ', '');
  const orderUrl = page.url();
  const orderId = decodeURIComponent(new URL(orderUrl).pathname.split('/').pop());
  await page.getByLabel('Order status').getByText('Raised').waitFor();
  expect((await page.getByRole('table', { name: 'Order details' }).textContent())?.includes('R 120 500.00'), 'the total the server recorded');

  // Over a site manager's R 50 000: the server refuses and the page says why.
  await page.getByRole('button', { name: 'Approve order' }).click();
  const refusal = page.getByRole('alert').filter({ hasText: 'Not approved' });
  await refusal.waitFor();
  const said = (await refusal.textContent()) ?? '';
  expect(/Site_Managers approve purchase orders up to R 50000\.00; this order's total is R 120500\.00/.test(said), `the refusal names the limit: ${said}`);
  await page.screenshot({ path: `${OUT}12-purchase-order-over-limit.png`, fullPage: true });

  // The project manager approves it (within her R 500 000): committed R 120 500.
  const pm = await newPage();
  try {
    await pm.page.goto(orderUrl);
    await signInAs(pm.page, 'Kagiso Sithole');
    await pm.page.getByRole('button', { name: 'Approve order' }).click({ timeout: 45_000 });
    await pm.page.getByLabel('Order status').getByText('Approved').waitFor({ timeout: 30_000 });
    const order = (await pm.page.getByRole('table', { name: 'Order details' }).textContent()) ?? '';
    expect(/CommittedR 120 500\.00/.test(order), `committed: ${order}`);
    expect(/kagiso\.projects \(within the Project manager limit\)/.test(order), `who approved, under which limit: ${order}`);
    await pm.page.screenshot({ path: `${OUT}13-purchase-order-approved.png`, fullPage: true });
  } finally {
    await pm.context.close();
  }

  // The site manager receives it in two parts; more than is open is refused on the form.
  await page.reload();
  await page.getByLabel('Order status').getByText('Approved').waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Receive goods' }).click();
  let grn = page.getByRole('form', { name: 'Receive goods' });
  await grn.getByLabel('Line 1 quantity to receive').fill('100');
  await grn.getByLabel('Line 2 quantity to receive').fill('40');
  await grn.getByRole('button', { name: 'Record receipt' }).click();
  await grn.waitFor({ state: 'detached' });
  await page.getByRole('status').filter({ hasText: /Goods received as GRN-\d+/ }).waitFor();
  await page.getByLabel('Order status').getByText('Part received').waitFor({ timeout: 30_000 });
  await waitForLine(page, 2, /MPa604020R/);
  await page.getByRole('button', { name: 'Receive goods' }).click();
  grn = page.getByRole('form', { name: 'Receive goods' });
  await grn.getByLabel('Line 2 quantity to receive').fill('25');
  await grn.getByText('Only 20 still open on line 2').waitFor();
  expect(await grn.getByRole('button', { name: 'Record receipt' }).isDisabled(), 'more than is open cannot be sent');
  await grn.getByLabel('Line 2 quantity to receive').fill('20');
  await grn.getByRole('button', { name: 'Record receipt' }).click();
  await grn.waitFor({ state: 'detached' });
  await page.getByLabel('Order status').getByText('Received', { exact: true }).waitFor({ timeout: 30_000 });
  await waitForLine(page, 2, /MPa60600R/);
  await until('two goods received notes', async () => (await page.getByRole('table', { name: 'Goods received notes' }).getByRole('row', { name: /^GRN-/ }).count()) === 2);
  await page.screenshot({ path: `${OUT}14-purchase-order-received.png`, fullPage: true });

  // The supplier's two bills, recorded by finance (the API: the web has no bill form
  // yet): the cement as ordered and received; the concrete at R 1 950 a m³, 5.4% over
  // the order's price, beyond the 2% tolerance.
  const { purchaseOrder } = await gql(page, 'naledi.finance', 'query ($id: ID!) { purchaseOrder(id: $id) { vendorAccountId projectId } }', { id: orderId });
  const suffix = Date.now().toString(36).toUpperCase();
  const record = (reference, lineNo, quantity, unitPrice, description) =>
    until(`finance to know ${number}`, () =>
      gql(page, 'naledi.finance', 'mutation ($input: RecordBillInput!) { recordBill(input: $input) { id } }', {
        input: {
          supplierAccountId: purchaseOrder.vendorAccountId,
          supplierReference: reference,
          date: '2026-12-02',
          purchaseOrderId: orderId,
          lines: [{ accountCode: '5100', description, quantity, unitPrice, vatTreatment: 'STANDARD', projectId: purchaseOrder.projectId, costCode: 'CONCRETE', purchaseOrderLineNo: lineNo }],
        },
      }).then(
        (d) => d.recordBill.id,
        (error) => {
          if (/is known/.test(String(error))) return false;
          throw error;
        },
      ),
    );
  await new Promise((resolve) => setTimeout(resolve, 5000)); // finance's copy of the receipts follows orders' events (no API shows it; a moment is ample)
  const matchedId = await record(`HCA-${suffix}-1`, 1, '100', '95.00', 'Cement 50 kg');
  const blockedId = await record(`HCA-${suffix}-2`, 2, '60', '1950.00', 'Ready-mix concrete 30 MPa');

  // A finance manager finds them in the bills, sees the match, and releases the blocked one.
  const fm = await newPage();
  try {
    await fm.page.goto(`${BASE}/finance/bills`);
    await signInAs(fm.page, 'Johan Botha');
    const bills = fm.page.getByRole('table', { name: 'Supplier bills' });
    const billRow = (reference) => bills.getByRole('row').filter({ has: fm.page.getByRole('link', { name: reference, exact: true }) });
    await until('both bills in the list', async () => {
      if ((await billRow(`HCA-${suffix}-2`).count()) === 1 && (await billRow(`HCA-${suffix}-1`).count()) === 1) return true;
      await fm.page.reload();
      await bills.waitFor({ timeout: 30_000 });
      return false;
    });
    expect(((await billRow(`HCA-${suffix}-1`).textContent()) ?? '').includes('Matched'), 'the cement bill matched');
    expect(((await billRow(`HCA-${suffix}-2`).textContent()) ?? '').includes('Blocked'), 'the concrete bill blocked');
    await fm.page.goto(`${BASE}/finance/bills/${encodeURIComponent(matchedId)}`);
    await fm.page.getByRole('table', { name: 'Three-way match' }).getByRole('row', { name: 'Bill line 1' }).getByText('Matched').waitFor();
    await fm.page.getByText('Every line matched: the bill is payable.').waitFor();

    await fm.page.goto(`${BASE}/finance/bills/${encodeURIComponent(blockedId)}`);
    const match = fm.page.getByRole('table', { name: 'Three-way match' });
    const line = match.getByRole('row', { name: 'Bill line 1' });
    await line.getByText('Blocked').waitFor();
    const text = (await line.textContent()) ?? '';
    for (const part of ['60', 'R 1 850.00', 'R 1 950.00', '5.4']) expect(text.includes(part), `the match shows ${part}: ${text}`);
    const blocked = fm.page.getByRole('alert').filter({ hasText: 'Blocked for payment' });
    expect(/price/i.test((await blocked.textContent()) ?? ''), 'the reason names the price');
    await fm.page.screenshot({ path: `${OUT}15-bill-three-way-match-blocked.png`, fullPage: true });
    await fm.page.getByLabel(/^Reason for approving/).fill('Price increase agreed with Highveld on 1 December');
    await fm.page.getByRole('button', { name: 'Approve for payment' }).click();
    await fm.page.getByRole('status').filter({ hasText: 'Price increase agreed with Highveld' }).waitFor({ timeout: 30_000 });
    await fm.page.screenshot({ path: `${OUT}16-bill-match-approved.png`, fullPage: true });
  } finally {
    await fm.context.close();
  }
});

await step('a sales order is placed, confirmed and shipped in part, and its shipment invoiced', async (page) => {
  expect(shared.projectLabel, 'a project from the earlier steps');
  await page.goto(`${BASE}/sales-orders`);
  await signInAs(page, 'Pieter Jacobs');
  await page.getByRole('heading', { name: 'Sales orders', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'New sales order' }).click();
  const form = page.getByRole('form', { name: 'New sales order' });
  await form.getByLabel(/^Customer/).selectOption({ label: 'Ubuntu Property Developers (Pty) Ltd' });
  await form.getByLabel(/^Project/).selectOption({ label: shared.projectLabel });
  await form.getByLabel('Line 1 SKU').fill('BRICK-CL');
  await form.getByLabel('Line 1 description').fill('Clay stock bricks');
  await form.getByLabel('Line 1 quantity').fill('10000');
  await form.getByLabel('Line 1 unit price').fill('2.85');
  await form.getByRole('button', { name: 'Add line' }).click();
  await form.getByLabel('Line 2 description').fill('Delivery and offloading');
  await form.getByLabel('Line 2 unit price').fill('4500.00');
  await form.getByLabel('Order total excl. VAT').getByText('R 33 000.00').waitFor();
  await form.getByRole('button', { name: 'Place order' }).click();
  await page.waitForURL(/\/sales-orders\/[^/]+$/);
  const heading = page.getByRole('heading', { name: /^Sales order SO-\d{4}-\d{5}$/, level: 1 });
  await heading.waitFor({ timeout: 45_000 });
  await page.getByLabel('Order status').getByText('Placed').waitFor();
  await page.getByRole('button', { name: 'Confirm order' }).click();
  await page.getByLabel('Order status').getByText('Confirmed').waitFor({ timeout: 30_000 });

  // Ship 6 000 of the 10 000 bricks: more than ordered is refused on the form first.
  await page.getByRole('button', { name: 'Ship', exact: true }).click();
  const ship = page.getByRole('form', { name: 'Ship' });
  const note = `DN-${Date.now().toString(36).toUpperCase()}`;
  await ship.getByLabel(/^Delivery note/).fill(note);
  await ship.getByLabel('Line 1 quantity to ship').fill('12000');
  await ship.getByText('Only 10000 still open on line 1').waitFor();
  expect(await ship.getByRole('button', { name: 'Complete shipment' }).isDisabled(), 'more than ordered cannot be sent');
  await ship.getByLabel('Line 1 quantity to ship').fill('6000');
  await ship.getByRole('button', { name: 'Complete shipment' }).click();
  await ship.waitFor({ state: 'detached' });
  await page.getByLabel('Order status').getByText('Part shipped').waitFor({ timeout: 30_000 });
  await waitForLine(page, 1, /bricks1000060004000R/);
  const shipment = page.getByRole('table', { name: 'Shipments' }).getByRole('row', { name: note });
  await shipment.waitFor();
  expect(((await shipment.textContent()) ?? '').includes('line 1: 6000'), 'the shipment’s quantities');
  // A sales manager does not read the books: the invoice is only said to be finance's.
  await shipment.getByText('invoiced by finance').waitFor();
  await page.screenshot({ path: `${OUT}17-sales-order-part-shipped.png`, fullPage: true });
  const orderUrl = page.url();

  // A finance user opens the order and sees the invoice the shipment raised:
  // 6 000 × R 2.85 = R 17 100 + 15% VAT = R 19 665 due.
  const finance = await newPage();
  try {
    await finance.page.goto(orderUrl);
    await signInAs(finance.page, 'Naledi Mokoena');
    const row = finance.page.getByRole('table', { name: 'Shipments' }).getByRole('row', { name: note });
    const invoice = row.getByRole('link', { name: /^Invoice INV-\S+ \(due R 19 665\.00\)$/ });
    await invoice.waitFor({ timeout: 90_000 });
    await finance.page.screenshot({ path: `${OUT}18-sales-order-shipment-invoiced.png`, fullPage: true });
    await invoice.click();
    await finance.page.getByRole('article', { name: /Tax Invoice INV-/ }).waitFor();
  } finally {
    await finance.context.close();
  }
});

// The stores: an inventory clerk sees the seeded stock, receives a product the stores have
// never held, issues part of it to the demo project, reads its stock card and is refused
// an issue of more than is available, in the server's words.
await step('an inventory clerk receives and issues stock and is refused more than is available', async (page) => {
  const sku = `SAND-RIVER-M3-${Date.now().toString(36).toUpperCase()}`;
  await page.goto(`${BASE}/sign-in`);
  await signInAs(page, 'Bongani Zulu');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Stock', exact: true }).click();
  await page.getByRole('heading', { name: 'Stock by location', level: 1 }).waitFor();
  const levels = page.getByRole('table', { name: 'Stock levels' });
  // The demo stock is seeded as the stack starts: read the page again until it is there.
  await until('the seeded cement at WH-JHB', async () => {
    await levels.or(page.getByText('No stock has been received yet.')).waitFor();
    if ((await levels.getByRole('row', { name: 'CEM-425-50KG at WH-JHB' }).count()) > 0) return true;
    await page.reload();
    return false;
  }, 60_000);
  await page.getByRole('table', { name: 'Value by location' }).getByRole('row', { name: 'WH-JHB' }).waitFor();
  await page.screenshot({ path: `${OUT}19-inventory-stock.png`, fullPage: true });

  // The catalogue has no screen yet: the e2e's own setup defines the new SKU through
  // GraphQL, as the clerk (who keeps the catalogue too).
  await gql(page, 'bongani.stores', 'mutation ($input: ProductInput!) { defineProduct(input: $input) { code } }', {
    input: { sku, description: 'River sand, washed (e2e)', category: 'MATERIALS', unit: 'm3', standardCost: '350', sellPrice: '460', vat: 'STANDARD' },
  });
  await until(`the catalogue to know ${sku}`, async () => (await gql(page, 'bongani.stores', 'query ($sku: String!) { product(sku: $sku) { sku } }', { sku })).product);

  // 10 m³ of river sand at R 350 each: R 3 500 on hand.
  await page.getByRole('button', { name: 'Receive stock' }).click();
  const receive = page.getByRole('form', { name: 'Receive stock' });
  await receive.getByLabel(/^Product/).fill(sku);
  await receive.getByLabel(/^Location/).fill('WH-JHB');
  await receive.getByLabel(/^Quantity/).fill('10');
  await receive.getByLabel(/^Unit cost/).fill('350');
  await receive.getByLabel(/^Reference/).fill('GRN-E2E-001');
  await receive.getByRole('button', { name: 'Receive', exact: true }).click();
  await receive.waitFor({ state: 'detached' });
  const row = levels.getByRole('row', { name: `${sku} at WH-JHB` });
  await row.waitFor({ timeout: 30_000 });
  await until(`${sku} on hand at R 3 500`, async () => ((await row.textContent()) ?? '').includes('R 3 500.00'));
  expect(((await row.textContent()) ?? '').includes('R 350.00'), 'the average unit cost');

  // 4 of them to the demo project's concrete: 6 left, worth R 2 100.
  await page.getByRole('button', { name: 'Issue stock' }).click();
  const issue = page.getByRole('form', { name: 'Issue stock' });
  await issue.getByLabel(/^Product/).fill(sku);
  await issue.getByLabel(/^Location/).fill('WH-JHB');
  await issue.getByLabel(/^Quantity/).fill('4');
  await issue.getByLabel(/^Project/).fill('PRJ-2026-001');
  await issue.getByLabel(/^Cost code/).fill('CONCRETE');
  await issue.getByRole('button', { name: 'Issue', exact: true }).click();
  await issue.waitFor({ state: 'detached' });
  await until(`${sku} down to 6, worth R 2 100`, async () => ((await row.textContent()) ?? '').includes('R 2 100.00'));

  // Its stock card: the receipt and the issue, oldest first.
  await row.getByRole('link', { name: sku }).click();
  await page.getByRole('heading', { name: `Stock card: ${sku} at WH-JHB`, level: 1 }).waitFor();
  const movements = page.getByRole('table', { name: 'Stock movements' });
  await movements.getByRole('row', { name: /^Movement / }).nth(1).waitFor({ timeout: 30_000 });
  const lines = await movements.getByRole('row', { name: /^Movement / }).allTextContents();
  expect(lines.length === 2, `two movements: ${lines.join(' | ')}`);
  expect(/Receipt/.test(lines[0]) && lines[0].includes('R 3 500.00') && lines[0].includes('GRN-E2E-001'), `the receipt first: ${lines[0]}`);
  expect(/Issue/.test(lines[1]) && lines[1].includes('-4') && lines[1].includes('-R 1 400.00') && lines[1].includes('PRJ-2026-001') && lines[1].includes('CONCRETE'), `then the issue: ${lines[1]}`);
  expect(((await page.getByRole('table', { name: 'Position' }).textContent()) ?? '').includes('R 2 100.00'), 'the position’s value');
  await page.screenshot({ path: `${OUT}20-inventory-stock-card.png`, fullPage: true });

  // 100 more than the 6 there are: refused, and the form says why.
  await page.getByRole('button', { name: 'Issue stock' }).click();
  const more = page.getByRole('form', { name: 'Issue stock' });
  expect((await more.getByLabel(/^Product/).inputValue()) === sku, 'the card’s product filled in');
  await more.getByLabel(/^Quantity/).fill('100');
  await more.getByLabel(/^Project/).fill('PRJ-2026-001');
  await more.getByLabel(/^Cost code/).fill('CONCRETE');
  await more.getByRole('button', { name: 'Issue', exact: true }).click();
  await more.getByText(/only 6 is available/i).waitFor();
  await page.screenshot({ path: `${OUT}21-inventory-issue-refused.png`, fullPage: true });
});

// Sales: the demo sales rep quotes on the opportunity the seed's converted lead opened
// for her, supplying cement from the Johannesburg warehouse — 10 bags (available) and
// 100 000 (short) — sees the second line short while building it, and again on the
// saved quote, as inventory answered when it was saved.
await step('a sales rep builds a quote and sees a line short of stock', async (page) => {
  await page.goto(`${BASE}/sign-in`);
  await signInAs(page, 'Thandi Nkosi');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Opportunities' }).waitFor();

  // The seed's converted lead becomes her opportunity once sales has read identity's
  // event; should there be none, the e2e's own setup captures, qualifies and converts a
  // lead as her (GraphQL) and waits for it.
  const open = async () =>
    (await gql(page, 'demo.sales.rep', '{ opportunities(first: 50) { nodes { id name stage } } }')).opportunities.nodes.find(
      (o) => o.stage !== 'LOST' && o.stage !== 'WON',
    );
  let opportunity = await until('the seeded opportunity', open, 45_000).catch(() => null);
  if (!opportunity) {
    const lead = await gql(page, 'demo.sales.rep', 'mutation ($input: CaptureLeadInput!) { captureLead(input: $input) { id } }', {
      input: { companyName: 'Soweto Mall Extension (e2e)', contactFirstName: 'Lindiwe', contactLastName: 'Dube', email: 'lindiwe@example.co.za', source: 'WEBSITE', estimatedValue: '900000.00' },
    });
    await until('the lead to be known', () =>
      gql(page, 'demo.sales.rep', 'mutation ($id: ID!) { qualifyLead(id: $id) { id } }', { id: lead.captureLead.id }).then(() => true, () => false),
    );
    await gql(page, 'demo.sales.rep', 'mutation ($id: ID!) { convertLead(id: $id) { accountId } }', { id: lead.captureLead.id });
    opportunity = await until('the opportunity of the converted lead', open, 45_000);
  }

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Opportunities' }).click();
  await page.getByRole('link', { name: `Quotes of ${opportunity.name}` }).first().click();
  await page.getByRole('heading', { name: `Quotes: ${opportunity.name}`, level: 1 }).waitFor();
  await page.getByRole('link', { name: 'New quote' }).click();
  const form = page.getByRole('form', { name: 'New quote' });
  await form.waitFor();
  await form.getByLabel(/^Supply location/).selectOption('WH-JHB');

  // Two lines of the catalogue's cement: the picker fills the description, price and VAT.
  const pickCement = async (n) => {
    await form.getByLabel(`Line ${n} product`).click();
    await form.getByLabel(`Line ${n} product`).fill('CEM-425-50KG');
    await page.getByRole('option', { name: /^CEM-425-50KG/ }).click();
    expect((await form.getByLabel(`Line ${n} unit price`).inputValue()) !== '', `line ${n} priced from the catalogue`);
  };
  await pickCement(1);
  await form.getByLabel('Line 1 quantity').fill('10');
  await form.getByRole('button', { name: 'Add line' }).click();
  await pickCement(2);
  await form.getByLabel('Line 2 quantity').fill('100000');

  // The live check: 10 available, 100 000 short.
  await form.getByLabel('Line 1 stock').getByText(/^available$/).waitFor({ timeout: 30_000 });
  await form.getByLabel('Line 2 stock').getByText(/^short by \d+/).waitFor({ timeout: 30_000 });
  const total = (await form.getByRole('table', { name: 'Quote totals' }).getByRole('row', { name: /^Total incl\. VAT/ }).textContent()) ?? '';
  expect(/R [\d ]+\.\d\d/.test(total), `a total before saving: ${total}`);
  await page.screenshot({ path: `${OUT}22-quote-builder-short.png`, fullPage: true });

  await form.getByRole('button', { name: 'Save quote' }).click();
  await page.waitForURL(/\/quotes\/[^/]+$/);
  await page.getByRole('heading', { name: /^Quote for .+, version 1$/, level: 1 }).waitFor({ timeout: 45_000 });
  await page.getByLabel('Quote status').getByText('Draft').waitFor();
  await page.getByRole('table', { name: 'Quote lines' }).getByLabel('Line 1 stock').getByText(/^available$/).waitFor();
  await page.getByRole('table', { name: 'Quote lines' }).getByLabel('Line 2 stock').getByText(/^short by \d+/).waitFor();
  const details = (await page.getByRole('table', { name: 'Quote details' }).textContent()) ?? '';
  expect(details.includes(total.replace(/^Total incl\. VAT/, '').trim()), `the saved total is the builder's: ${details} / ${total}`);
  await page.getByRole('link', { name: 'Revise' }).waitFor();
  await page.screenshot({ path: `${OUT}23-quote-saved-short.png`, fullPage: true });
});

// A stock count: the clerk opens a count sheet for the demo warehouse, counts the seeded
// cement 3 short of what the books say (the book read from the sheet itself, so whatever
// the other steps moved does not matter), sees the variance of −3, posts the count and
// finds the sheet posted, read-only.
const minusThree = (decimal) => {
  const [whole, fraction = ''] = decimal.trim().split('.');
  const scale = fraction.length;
  const digits = BigInt(`${whole}${fraction}`) - 3n * 10n ** BigInt(scale);
  const sign = digits < 0n ? '-' : '';
  const text = (digits < 0n ? -digits : digits).toString().padStart(scale + 1, '0');
  return scale === 0 ? `${sign}${text}` : `${sign}${text.slice(0, -scale)}.${text.slice(-scale)}`;
};

await step('an inventory clerk counts the cement 3 short and posts the count', async (page) => {
  const reference = `COUNT-E2E-${Date.now().toString(36).toUpperCase()}`;
  await page.goto(`${BASE}/sign-in`);
  await signInAs(page, 'Bongani Zulu');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Counts', exact: true }).click();
  await page.getByRole('heading', { name: 'Stock counts', level: 1 }).waitFor();

  await page.getByRole('button', { name: 'New count' }).click();
  const open = page.getByRole('form', { name: 'New count' });
  await open.getByLabel(/^Location/).selectOption('WH-JHB');
  await open.getByLabel(/^Reference/).fill(reference);
  await open.getByRole('button', { name: 'Open count', exact: true }).click();
  await page.waitForURL(/\/inventory\/counts\/[^/]+$/);
  await page.getByRole('heading', { name: `Count ${reference}`, level: 1 }).waitFor({ timeout: 45_000 });

  const record = async (counted) => {
    const form = page.getByRole('form', { name: 'Record a count' });
    await form.getByLabel(/^Product/).fill('CEM-425-50KG');
    await form.getByLabel(/^Counted/).fill(counted);
    await form.getByRole('button', { name: 'Record count', exact: true }).click();
  };
  const lines = page.getByRole('table', { name: 'Count lines' });
  const cement = lines.getByRole('row', { name: 'CEM-425-50KG' });
  const cell = async (n) => ((await cement.getByRole('cell').nth(n).textContent()) ?? '').trim();

  // Any figure first, to read the book from the sheet; then the book less 3.
  await record('0');
  await cement.waitFor({ timeout: 60_000 });
  const book = await cell(2);
  expect(/^\d+(\.\d+)?$/.test(book) && Number(book) >= 3, `a book quantity of at least 3: ${book}`);
  const short = minusThree(book);
  await record(short);
  // 60 s: on a loaded CI machine the broker has been seen to lag half a minute here.
  await until(`the cement counted at ${short}`, async () => Number(await cell(1)) === Number(short), 60_000);
  const variance = await cell(3);
  expect(Number(variance) === -3, `a variance of -3: ${variance} (book ${await cell(2)}, counted ${await cell(1)})`);
  await page.screenshot({ path: `${OUT}24-inventory-count-variance.png`, fullPage: true });

  await page.getByRole('button', { name: 'Post count' }).click();
  const confirm = page.getByRole('dialog', { name: 'Post count' });
  await confirm.getByRole('button', { name: 'Post', exact: true }).click();
  await page.getByRole('table', { name: 'Count details' }).getByText('POSTED', { exact: true }).waitFor({ timeout: 30_000 });
  await until('the record form gone from the posted sheet', async () => (await page.getByRole('form', { name: 'Record a count' }).count()) === 0);
  expect((await page.getByRole('button', { name: 'Post count' }).count()) === 0, 'no Post count on a posted sheet');
  expect(Number(await cell(3)) === -3, `the posted variance: ${await cell(3)}`);
  await page.screenshot({ path: `${OUT}25-inventory-count-posted.png`, fullPage: true });
});

// The pipeline board: the demo sales rep opens it, carries one of her opportunities one
// stage along with the keyboard alone (focus the card, space, an arrow, space), waits
// until the board shows it in the new column as the read model has it, and finds the
// weighted forecast by month (the e2e's setup gives the opportunity an expected close
// date through GraphQL, so there is a month to forecast).
await step('a sales rep moves an opportunity one stage on the pipeline board by keyboard', async (page) => {
  const LABELS = { QUALIFICATION: 'Qualification', SITE_VISIT: 'Site visit', TENDER: 'Tender', NEGOTIATION: 'Negotiation' };
  const OPEN = Object.keys(LABELS);
  const mine = async () => (await gql(page, 'demo.sales.rep', '{ opportunities(first: 100) { nodes { id name stage } } }')).opportunities.nodes;
  const movable = async () => {
    const all = await mine();
    return all.find((o) => OPEN.includes(o.stage) && all.filter((p) => p.name === o.name).length === 1);
  };
  let opportunity = await until('an open opportunity of the sales rep', movable, 45_000).catch(() => null);
  if (!opportunity) {
    const lead = await gql(page, 'demo.sales.rep', 'mutation ($input: CaptureLeadInput!) { captureLead(input: $input) { id } }', {
      input: { companyName: `Pipeline Board Lead ${Date.now().toString(36)} (e2e)`, contactFirstName: 'Sizwe', contactLastName: 'Ndlovu', email: 'sizwe@example.co.za', source: 'WEBSITE', estimatedValue: '750000.00' },
    });
    await until('the lead to be known', () =>
      gql(page, 'demo.sales.rep', 'mutation ($id: ID!) { qualifyLead(id: $id) { id } }', { id: lead.captureLead.id }).then(() => true, () => false),
    );
    await gql(page, 'demo.sales.rep', 'mutation ($id: ID!) { convertLead(id: $id) { accountId } }', { id: lead.captureLead.id });
    opportunity = await until('the opportunity of the converted lead', movable, 45_000);
  }
  // An expected close date three months on, so the forecast has a month.
  const close = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
  await gql(page, 'demo.sales.rep', 'mutation ($id: ID!, $close: NaiveDate!, $value: Rand) { setOpportunityForecast(id: $id, expectedClose: $close, estimatedValue: $value) { id } }', {
    id: opportunity.id,
    close,
    value: '1200000.00',
  });
  await until(`the forecast for ${close.slice(0, 7)}`, async () =>
    (await gql(page, 'demo.sales.rep', '{ pipeline { byMonth { key } } }')).pipeline.byMonth.some((m) => m.key === close.slice(0, 7)),
  );

  await page.goto(`${BASE}/sign-in`);
  await signInAs(page, 'Thandi Nkosi');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pipeline board' }).click();
  await page.getByRole('heading', { name: 'Pipeline board', level: 1 }).waitFor();

  const from = opportunity.stage;
  const forward = from !== 'NEGOTIATION';
  const to = OPEN[OPEN.indexOf(from) + (forward ? 1 : -1)];
  const name = `Opportunity ${opportunity.name}`;
  const column = (stage) => page.getByRole('region', { name: new RegExp(`^${LABELS[stage]} \\d+%`) });
  const card = column(from).getByRole('article', { name, exact: true });
  await card.waitFor({ timeout: 30_000 });

  // The keyboard alone: pick it up, carry it one column, drop it.
  await card.focus();
  await page.keyboard.press('Space');
  await page.getByText(`Picked up ${name} in ${LABELS[from]}.`).waitFor({ state: 'attached' });
  await page.keyboard.press(forward ? 'ArrowRight' : 'ArrowLeft');
  await page.getByText(`${name} is over ${LABELS[to]}.`).waitFor({ state: 'attached' });
  await page.keyboard.press('Space');

  // Shown in the new column once the read model has it there (no longer "moving").
  const moved = column(to).getByRole('article', { name, exact: true });
  await until(`${opportunity.name} in ${LABELS[to]}`, async () => (await moved.count()) === 1 && (await moved.getAttribute('aria-busy')) === null, 30_000);
  expect((await column(from).getByRole('article', { name, exact: true }).count()) === 0, `${opportunity.name} left ${LABELS[from]}`);
  expect((await page.getByRole('alert').count()) === 0, 'no refusal');
  const stage = (await gql(page, 'demo.sales.rep', 'query ($id: ID!) { opportunity(id: $id) { stage } }', { id: opportunity.id })).opportunity.stage;
  expect(stage === to, `the server has it at ${to}, not ${stage}`);

  // The weighted forecast by month: the chart and its table of figures.
  await page.getByRole('figure', { name: 'Weighted forecast by month' }).waitFor();
  await page.getByRole('table', { name: 'Weighted forecast by month, figures' }).getByRole('row', { name: close.slice(0, 7) }).waitFor();
  await page.getByRole('table', { name: 'Totals by stage' }).waitFor();
  await page.screenshot({ path: `${OUT}26-pipeline-board-moved.png`, fullPage: true });
});

// Campaigns and lead scores: the sales manager plans a campaign on the campaigns screen;
// the demo sales rep records that one of her leads booked a site visit through it (the
// e2e's own setup, through GraphQL); the manager finds the campaign with 1 lead, records
// its spend on screen and sees the cost per lead (spend ÷ 1 lead); then opens the lead's
// score and finds it explained factor by factor, the site visit and the response among
// them.
await step('a sales manager plans a campaign, a rep records a response and the lead score explains it', async (page) => {
  const name = `E2E Campaign ${Date.now().toString(36)}`;
  await page.goto(`${BASE}/sign-in`);
  await signInAs(page, 'Pieter Jacobs');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Campaigns' }).click();
  await page.getByRole('heading', { name: 'Campaigns', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Plan campaign' }).click();
  const plan = page.getByRole('form', { name: 'Plan campaign' });
  await plan.getByLabel(/^Name/).fill(name);
  await plan.getByLabel(/^Channel/).selectOption('EVENT');
  await plan.getByLabel(/^Budget/).fill('12000.00');
  await plan.getByRole('button', { name: 'Plan campaign' }).click();
  await page.getByRole('status').filter({ hasText: `Campaign ${name} planned.` }).waitFor({ timeout: 30_000 });
  await page.getByRole('table', { name: 'Campaigns' }).getByRole('link', { name, exact: true }).click({ timeout: 30_000 });
  await page.getByRole('heading', { name, level: 1 }).waitFor({ timeout: 30_000 });
  const campaignId = new URL(page.url()).pathname.split('/').pop();
  const { campaign } = await gql(page, 'pieter.sales.manager', 'query ($id: ID!) { campaign(id: $id) { startsOn leadCount } }', { id: campaignId });
  expect(campaign && campaign.leadCount === 0, `a new campaign with no leads: ${JSON.stringify(campaign)}`);

  // One of the rep's leads books a site visit through the campaign (the e2e's setup, as
  // her); should sales know none of her leads yet, she captures one.
  const mine = async () => (await gql(page, 'demo.sales.rep', '{ leadScores(first: 50) { leadId companyName } }')).leadScores[0];
  let lead = await until('a lead of the sales rep', mine, 45_000).catch(() => null);
  if (!lead) {
    await gql(page, 'demo.sales.rep', 'mutation ($input: CaptureLeadInput!) { captureLead(input: $input) { id } }', {
      input: { companyName: `Campaign Lead ${Date.now().toString(36)} (e2e)`, contactFirstName: 'Ayanda', contactLastName: 'Zulu', email: 'ayanda@example.co.za', source: 'WEBSITE', estimatedValue: '2500000.00' },
    });
    lead = await until('the captured lead in sales', mine, 45_000);
  }
  await gql(page, 'demo.sales.rep', 'mutation ($c: ID!, $l: ID!, $on: NaiveDate!) { recordCampaignResponse(campaignId: $c, leadId: $l, kind: SITE_VISIT_BOOKED, on: $on) { id } }', {
    c: campaignId,
    l: lead.leadId,
    on: campaign.startsOn,
  });
  await until('the campaign to count the lead', async () =>
    (await gql(page, 'pieter.sales.manager', 'query ($id: ID!) { campaign(id: $id) { leadCount } }', { id: campaignId })).campaign?.leadCount === 1,
  );

  // On screen: 1 lead; then the spend, and the cost per lead the server works out from it.
  await page.reload();
  await page.getByRole('group', { name: 'Leads' }).getByText('1', { exact: true }).waitFor({ timeout: 30_000 });
  const leads = page.getByRole('table', { name: 'Campaign leads' });
  await leads.getByRole('row').nth(1).waitFor({ timeout: 30_000 });
  expect((await leads.getByRole('row').count()) === 2, 'one lead in the campaign');
  await page.getByRole('button', { name: 'Record spend' }).click();
  const spend = page.getByRole('form', { name: 'Record spend' });
  await spend.getByLabel(/^Amount/).fill('1500.00');
  await spend.getByLabel(/^Note/).fill('Venue and catering');
  await spend.getByRole('button', { name: 'Record spend' }).click();
  await spend.waitFor({ state: 'detached', timeout: 30_000 });
  await page.getByRole('dialog', { name: 'Record spend' }).waitFor({ state: 'detached' });
  await page.getByRole('group', { name: 'Cost per lead' }).getByText('R 1 500.00').waitFor({ timeout: 30_000 });
  await page.getByRole('group', { name: 'Spent' }).getByText('R 1 500.00').waitFor();
  expect((await page.getByRole('alert').count()) === 0, 'no refusal');
  await page.screenshot({ path: `${OUT}27-campaign-cost-per-lead.png`, fullPage: true });

  // The lead's score, factor by factor: the site visit booked and the campaign response.
  await leads.getByRole('row').nth(1).getByRole('link').first().click();
  await page.waitForURL(new RegExp(`/sales/lead-scores/${lead.leadId}$`));
  const factors = page.getByRole('table', { name: 'Score factors' });
  await factors.waitFor({ timeout: 30_000 });
  await factors.getByRole('row', { name: 'Site visit' }).getByText('Booked', { exact: true }).waitFor({ timeout: 30_000 });
  const responses = ((await factors.getByRole('row', { name: 'Campaign responses' }).getByRole('cell').nth(1).textContent()) ?? '').trim();
  expect(Number(responses) >= 1, `at least one campaign response counted: ${responses}`);
  await factors.getByRole('row', { name: 'Total' }).waitFor();
  await page.getByLabel('Rules version').waitFor();
  await page.screenshot({ path: `${OUT}28-lead-score-factors.png`, fullPage: true });
});

// Payroll: the e2e's setup, through GraphQL, hires an employee record for the demo
// employee (Sam Petersen) as the HR manager, records its profile (R 30 000 a month, an
// identity number born 1980-01-01, a tax number) and, as the administrator, links Sam's
// user to it. The administrator (who holds `hr.payroll.run`; no demo person is a
// payroll officer) opens February 2026's monthly run on the Pay runs screen and
// calculates it — Sam's payslip: R 30 000 gross, PAYE R 4 783.08 (aged 46), UIF
// R 177.12, net R 25 039.80 —; her own approval is refused in the server's words (she
// calculated it); the HR manager (Ayanda Mthembu) approves it; Sam opens My payslips
// and his printable payslip with the same figures.
await step('payroll calculates a pay run, the HR manager approves it and the employee opens his payslip', async (page) => {
  const number = `EMP-${String(Date.now() % 1_000_000).padStart(6, '0')}`;
  // Sam's user record is there once he has asked the gateway something.
  await gql(page, 'sam.employee', '{ me { subject } }');
  const hired = await gql(page, 'ayanda.hr', 'mutation ($input: HireEmployeeInput!) { hireEmployee(input: $input) { id } }', {
    input: { employeeNumber: number, firstName: 'Sam', lastName: 'Petersen', jobTitle: 'Site administrator', hiredOn: '2025-03-01' },
  });
  const employeeId = hired.hireEmployee.id;
  await gql(page, 'ayanda.hr', 'mutation ($input: EmployeeProfileInput!) { setEmployeeProfile(input: $input) { id } }', {
    input: { employeeId, idNumber: '8001015010085', taxNumber: '0123456789', employmentType: 'PERMANENT', payRate: '30000.00', costRate: '250.00' },
  });
  const user = await until('Sam’s user record', async () => (await gql(page, 'zanele.admin', '{ users { id subject } }')).users.find((u) => u.subject === 'sam.employee'));
  await until('identity to know the new employee', async () =>
    gql(page, 'zanele.admin', 'mutation ($id: ID!, $e: String) { linkUser(id: $id, employeeId: $e) { id } }', { id: user.id, e: employeeId }).then(
      () => true,
      (error) => {
        if (/no employee .* is known/.test(String(error))) return false;
        throw error;
      },
    ),
  );
  await until('HR to have Sam linked to his record', async () => (await gql(page, 'sam.employee', '{ employees { id employmentType } }')).employees.some((e) => e.id === employeeId && e.employmentType === 'PERMANENT'));

  // The administrator opens and calculates February 2026's monthly run.
  await page.goto(`${BASE}/sign-in`);
  await signInAs(page, 'Zanele Dube');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pay runs' }).click();
  await page.getByRole('heading', { name: 'Pay runs', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'New pay run' }).click();
  const open = page.getByRole('form', { name: 'New pay run' });
  await open.getByLabel('Frequency').selectOption('MONTHLY');
  await open.getByLabel(/^Period starts/).fill('2026-02-01');
  expect((await open.getByLabel(/^Period ends/).inputValue()) === '2026-02-28', 'the period ends with its month');
  await open.getByLabel(/^Pay date/).fill('2026-02-25');
  await open.getByRole('button', { name: 'Open pay run' }).click();
  await page.waitForURL(/\/hr\/pay-runs\/[^/]+$/, { timeout: 30_000 });
  const runUrl = page.url();
  await page.getByRole('heading', { name: 'Pay run Monthly 2026-02-01 – 2026-02-28', level: 1 }).waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Calculate', exact: true }).click();
  await page.getByRole('status').filter({ hasText: /Calculated: \d+ payslips?/ }).waitFor({ timeout: 30_000 });
  const slip = page.getByRole('table', { name: 'Payslips' }).getByRole('row').filter({ hasText: number });
  await slip.waitFor({ timeout: 30_000 });
  const figures = (await slip.textContent()) ?? '';
  for (const amount of ['R 30 000.00', 'R 4 783.08', 'R 177.12', 'R 300.00', 'R 25 039.80']) {
    expect(figures.includes(amount), `Sam's payslip shows ${amount}: ${figures}`);
  }
  await page.getByRole('table', { name: 'Pay run details' }).getByText('Calculated', { exact: true }).waitFor();
  await page.screenshot({ path: `${OUT}29-pay-run-calculated.png`, fullPage: true });
  // Whoever calculated a run may not approve it: the server says so.
  await page.getByRole('button', { name: 'Approve', exact: true }).click();
  const refusal = page.getByRole('alert').filter({ hasText: 'The run was not approved' });
  await refusal.waitFor();
  expect(/someone other than whoever calculated it/.test((await refusal.textContent()) ?? ''), 'the refusal says why');

  // The HR manager approves it.
  const hr = await newPage();
  try {
    await hr.page.goto(runUrl);
    await signInAs(hr.page, 'Ayanda Mthembu');
    await hr.page.getByRole('button', { name: 'Approve', exact: true }).click({ timeout: 30_000 });
    const details = hr.page.getByRole('table', { name: 'Pay run details' });
    await details.getByText('Approved', { exact: true }).waitFor({ timeout: 30_000 });
    expect(((await details.textContent()) ?? '').includes('ayanda.hr'), 'approved by the HR manager');
    await hr.page.screenshot({ path: `${OUT}30-pay-run-approved.png`, fullPage: true });
  } finally {
    await hr.context.close();
  }

  // Sam opens his payslip from My payslips.
  const sam = await newPage();
  try {
    await sam.page.goto(`${BASE}/hr/payslips`);
    await signInAs(sam.page, 'Sam Petersen');
    await sam.page.getByRole('heading', { name: 'My payslips', level: 1 }).waitFor();
    const link = sam.page.getByRole('table', { name: 'Payslips' }).getByRole('link', { name: '2026-02-25', exact: true });
    await until('Sam’s payslip in his list', async () => {
      if ((await link.count()) > 0) return true;
      await sam.page.reload();
      await sam.page.getByRole('heading', { name: 'My payslips', level: 1 }).waitFor();
      return false;
    });
    await link.first().click();
    const doc = sam.page.getByRole('article', { name: 'Payslip of Sam Petersen, 2026-02-25' });
    await doc.waitFor({ timeout: 30_000 });
    const text = (await doc.textContent()) ?? '';
    for (const part of ['ConstructOS demo', number, '0123456789', '2026-02-01 – 2026-02-28', 'R 30 000.00', 'R 4 783.08', 'R 177.12', 'R 300.00', 'R 25 039.80', '2026 (1 March 2025 – 28 February 2026)']) {
      expect(text.includes(part), `the payslip shows ${part}: ${text}`);
    }
    await sam.page.getByRole('button', { name: 'Print' }).waitFor();
    await sam.page.screenshot({ path: `${OUT}31-payslip.png`, fullPage: true });
  } finally {
    await sam.context.close();
  }
});

// Safety on a phone (360 × 740): the safety officer (Ayabonga Ngcobo, a
// `Safety_Officer`) starts a weekly site inspection, answers every item of the
// checklist — one FAIL with a note and HIGH severity, the rest passed —, completes it,
// sees the area stopped and raises a corrective action on the finding; the page never
// scrolls sideways.
await step('a safety inspection on a phone: every item answered, a high finding stops the area, an action raised', async (page) => {
  await page.setViewportSize({ width: 360, height: 740 });
  const noSideScroll = async (where) => {
    const width = await page.evaluate('document.documentElement.scrollWidth');
    expect(width <= 360, `no horizontal scroll ${where}: scrollWidth ${width}`);
  };
  await page.goto(`${BASE}/compliance/inspections`);
  await signInAs(page, 'Ayabonga Ngcobo');
  await page.getByRole('heading', { name: 'Inspections', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'New inspection' }).click();
  const form = page.getByRole('form', { name: 'New inspection' });
  const area = `E2E scaffold bay ${Date.now() % 100_000}`;
  await form.getByLabel('Checklist').selectOption('SITE-WEEKLY');
  await form.getByLabel(/^Site id/).fill('SITE-JHB-01');
  await form.getByLabel(/^Area/).fill(area);
  await form.getByRole('button', { name: 'Start inspection' }).click();
  await page.waitForURL(/\/compliance\/inspections\/[^/]+$/, { timeout: 30_000 });
  await page.getByRole('heading', { name: `Inspection: ${area}`, level: 1 }).waitFor({ timeout: 30_000 });
  const progress = page.getByText(/^\d+ of \d+ answered$/);
  await progress.waitFor({ timeout: 30_000 });
  const total = Number(/of (\d+) answered/.exec((await progress.textContent()) ?? '')?.[1]);
  expect(total > 1, `the checklist has items: ${total}`);
  await noSideScroll('on the checklist');

  const items = page.getByRole('article').filter({ has: page.getByRole('group', { name: /^Result of / }) });
  expect((await items.count()) === total, `one card per item: ${await items.count()} of ${total}`);
  // The first item fails, HIGH; the rest pass — one at a time, each read back.
  const first = items.nth(0);
  await first.getByRole('button', { name: 'Fail', exact: true }).click();
  await first.getByRole('button', { name: 'Record failure' }).click();
  await first.getByText('Say what failed.').waitFor();
  await first.getByLabel(/^What failed/).fill('Guardrail missing on the second lift of the scaffold');
  await first.getByRole('button', { name: 'High', exact: true }).click();
  await first.getByRole('button', { name: 'Record failure' }).click();
  await first.getByText('Failed · High').waitFor({ timeout: 30_000 });
  const failedCode = ((await first.getAttribute('aria-labelledby')) ?? '').replace(/^item-/, '');
  expect(failedCode, 'the failed item’s code');
  await page.getByRole('alert').filter({ hasText: 'Work in this area is stopped' }).waitFor({ timeout: 30_000 });
  for (let i = 1; i < total; i += 1) {
    const item = items.nth(i);
    await item.getByRole('button', { name: 'Pass', exact: true }).click();
    await item.getByText('Passed', { exact: true }).waitFor({ timeout: 30_000 });
  }
  await page.getByText(`${total} of ${total} answered`).waitFor({ timeout: 30_000 });
  await noSideScroll('with every item answered');
  await page.getByRole('button', { name: 'Complete inspection' }).click();
  await page.getByText('Completed', { exact: true }).waitFor({ timeout: 30_000 });
  await page.getByText(`${total - 1} passed · 1 failed · 0 not applicable`).waitFor({ timeout: 30_000 });
  const banner = page.getByRole('alert').filter({ hasText: 'Work in this area is stopped' });
  await banner.waitFor();
  expect(((await banner.textContent()) ?? '').includes(area), 'the banner names the area');

  // The finding: a corrective action for the site manager, due in a week.
  const finding = page.getByRole('article', { name: `Finding ${failedCode}` });
  await finding.getByRole('button', { name: 'Raise action' }).click();
  const raise = page.getByRole('form', { name: `Raise action on ${failedCode}` });
  await raise.getByLabel(/^Owner/).fill('sipho.site');
  await raise.getByRole('button', { name: 'Raise action' }).click();
  await raise.waitFor({ state: 'detached', timeout: 30_000 });
  const action = page.getByRole('article', { name: `Action on ${failedCode}` });
  await action.waitFor({ timeout: 30_000 });
  expect(((await action.textContent()) ?? '').includes('Owner sipho.site'), 'the action names its owner');
  await noSideScroll('with the finding and its action');
  await page.screenshot({ path: `${OUT}32-inspection-phone-stopped.png`, fullPage: true });
});

await browser.close();
const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
