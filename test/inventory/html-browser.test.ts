/**
 * The HTML inventory in a real headless browser: Debian's Chromium driven by playwright-core (CI
 * installs it when missing: `apt-get install -y chromium`, see .ci/run). The page loads with every
 * network request blocked, shows one row per identity and workload, a filter narrows the rows, a
 * header click sorts them, the SVG diagram is drawn, and a screenshot is written to a temp dir.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { chromium, Browser } from "playwright-core";
import { inventory } from "../../src/api/inventory";
import { inventoryHtml } from "../../src/inventory/html";
import { mergeInventories } from "../../src/inventory/merge";
import type { Inventory } from "../../src/inventory/model";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const DIR = path.join(__dirname, "..", "fixtures", "inventory");

jest.setTimeout(60_000);

let browser: Browser;
let inv: Inventory;
let file: string;
let tmp: string;
beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: run "apt-get install -y chromium" (or set CHROMIUM_PATH).`);
  const a = await inventory(["payments"], { cwd: DIR, repository: "octo/payments" });
  const b = await inventory(["platform"], { cwd: DIR, repository: "octo/platform" });
  inv = mergeInventories([a, b]);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "wif-html-"));
  file = path.join(tmp, "inventory.html");
  fs.writeFileSync(file, inventoryHtml(inv));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu"] });
});
afterAll(async () => {
  await browser?.close();
});

test("loads with no network, right rows, filter narrows, sort orders, diagram drawn, screenshot written", async () => {
  const context = await browser.newContext({ offline: true, viewport: { width: 1280, height: 900 } });
  const requests: string[] = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    requests.push(url);
    return url.startsWith("file:") ? route.continue() : route.abort();
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await page.goto(`file://${file}`);
  expect(requests).toEqual([`file://${file}`]);

  const visible = (table: string) => page.locator(`#${table} tbody tr:visible`).count();
  expect(await visible("identities")).toBe(inv.identities.length);
  expect(await visible("workloads")).toBe(inv.workloads.length);
  expect(inv.identities.length).toBe(10);

  await page.fill('input[data-table="identities"]', "azure");
  expect(await visible("identities")).toBe(2);
  await page.fill('input[data-table="identities"]', "AdministratorAccess");
  expect(await visible("identities")).toBe(1);
  await page.fill('input[data-table="identities"]', "");
  expect(await visible("identities")).toBe(10);
  await page.fill('input[data-table="workloads"]', "other tenants");
  expect(await visible("workloads")).toBe(0);
  await page.fill('input[data-table="workloads"]', "whole tenant");
  expect(await visible("workloads")).toBe(inv.workloads.filter((w) => w.wholeTenant).length);
  await page.fill('input[data-table="workloads"]', "");

  await page.click("#identities th[data-col='0']");
  const clouds = await page.locator("#identities tbody tr td:first-child").allTextContents();
  expect(clouds).toEqual([...clouds].sort());
  expect(new Set(clouds)).toEqual(new Set(["aws", "gcp", "azure"]));
  await page.click("#identities th[data-col='0']");
  expect(await page.locator("#identities tbody tr td:first-child").allTextContents()).toEqual([...clouds].sort().reverse());

  expect(await page.locator("#diagram g.workload").count()).toBe(inv.workloads.length);
  expect(await page.locator("#diagram g.identity").count()).toBe(inv.identities.length);
  expect(await page.locator("#diagram line.edge").count()).toBeGreaterThan(inv.identities.length);

  const shot = path.join(tmp, "inventory.png");
  await page.screenshot({ path: shot, fullPage: true });
  expect(fs.statSync(shot).size).toBeGreaterThan(10_000);
  expect(errors).toEqual([]);
  await context.close();
});

test("values from Terraform are escaped, never markup", () => {
  const evil = { ...inv, identities: [{ ...inv.identities[0], who: '<img src=x onerror="alert(1)">' }] };
  const html = inventoryHtml(evil);
  expect(html).not.toContain("<img src=x");
  expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
});
