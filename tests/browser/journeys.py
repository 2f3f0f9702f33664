"""Real-browser journeys through Heard's demo site, checked with axe-core.

Runs every journey at phone (390x844) and desktop (1280x900) widths, with JavaScript on and off, in
headless Chromium driven by Selenium. Every page visited is checked with axe (WCAG 2.0/2.1/2.2 A and AA
rules): any serious or critical violation fails the run; the rest are listed in the report. At phone width
every page must also reflow (WCAG 2.2 1.4.10): the document may not scroll sideways; a wide table may scroll
only inside its own wrapper. A PNG screenshot of every page is saved.

Usage: python journeys.py --base-url http://127.0.0.1:PORT --out artifacts/browser
Ends with the line "browser: N passed, M failed" and exits non-zero when anything failed.
"""

import argparse
import importlib.util
import json
import os
import re
import sys
import time
import traceback
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlparse

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING_IMPACTS = {"serious", "critical"}
SIZES = {"phone": (390, 844), "desktop": (1280, 900)}
ACCOUNTS = {
    "admin": ("admin@demo.heard.test", "demo-administrator-pass"),
    "moderator": ("moderator@demo.heard.test", "demo-moderator-pass"),
    "complaints": ("complaints@demo.heard.test", "demo-complaints-pass"),
    "engagement": ("engagement@demo.heard.test", "demo-engagement-pass"),
    "secretary": ("secretary@demo.heard.test", "demo-secretary-pass"),
    "panel": ("panel@demo.heard.test", "demo-involved-pass"),
}
WAIT = 30  # seconds for any one page or element
REFLOW_SIZES = {"phone"}  # widths at which the document must not scroll sideways (WCAG 2.2 1.4.10 Reflow)

# Measures sideways overflow of the page shown. The layout viewport is documentElement.clientWidth: under phone
# emulation Chromium widens window.innerWidth to fit content that overflows, which would hide the overflow.
# An element is named only when it reaches past the right edge and no ancestor clips or scrolls it (overflow-x
# other than visible, as .table-wrap does for wide tables): the document itself must not scroll.
REFLOW_SCRIPT = """
const root = document.documentElement;
const viewport = Math.min(root.clientWidth, window.innerWidth,
                          window.visualViewport ? Math.round(window.visualViewport.width) : Infinity);
const scrollWidth = Math.max(root.scrollWidth, document.body ? document.body.scrollWidth : 0);
if (scrollWidth <= viewport + 1) return {viewport, scrollWidth, offenders: []};
const describe = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
  + [...e.classList].slice(0, 3).map(c => '.' + c).join('');
// Whether an ancestor clips or scrolls e sideways. A scroll container clips only what it contains: an
// absolutely positioned box (such as .visually-hidden text in a table cell) escapes every ancestor up to its
// containing block, the nearest positioned one, and a fixed box escapes all but a transformed one.
const contained = e => {
  let position = getComputedStyle(e).position;
  for (let a = e.parentElement; a && a !== document.body && a !== root; a = a.parentElement) {
    const style = getComputedStyle(a);
    if (position === 'fixed' && style.transform === 'none') continue;
    if (position === 'absolute' && style.position === 'static' && style.transform === 'none') continue;
    if (style.overflowX !== 'visible') return true;
    position = style.position;
  }
  return false;
};
const past = e => e.getBoundingClientRect().right > viewport + 1;
const sized = /^(select|input|textarea|button|img|svg|video|iframe|canvas|table|pre|code)$/i;
const offenders = [];
for (const e of document.body.querySelectorAll('*')) {
  const r = e.getBoundingClientRect();
  if (r.width === 0 && r.height === 0) continue;
  if (r.right <= viewport + 1 || contained(e)) continue;
  const parent = e.parentElement;
  // Ranked first: a control or other box sized by its own content that sticks out; then an element that
  // sticks out of its parent (where min-width: 0 or wrapping is missing); then the rest, widest first.
  const escapes = parent && parent !== document.body && r.right > parent.getBoundingClientRect().right + 1;
  const rank = sized.test(e.tagName) && ![...e.children].some(past) ? 2 : escapes ? 1 : 0;
  const chain = [];
  for (let a = parent; a && a !== document.body && chain.length < 3; a = a.parentElement) chain.push(describe(a));
  let depth = 0;
  for (let a = e; a; a = a.parentElement) depth++;
  const position = getComputedStyle(e).position;
  const offender = {element: describe(e), within: chain.join(' < '), right: Math.round(r.right),
                    width: Math.round(r.width), escapes: escapes ? describe(parent) : null, rank, depth,
                    position: /absolute|fixed/.test(position) ? position : null, count: 1};
  const key = [offender.element, offender.within, offender.right, offender.width].join('|');
  const same = offenders.find(o => o.key === key);
  if (same) same.count++; else offenders.push(Object.assign(offender, {key}));
}
offenders.sort((a, b) => (b.rank - a.rank) || (b.right - a.right) || (b.depth - a.depth));
return {viewport, scrollWidth, offenders: offenders.slice(0, 8).map(({key, ...o}) => o)};
"""


class CheckFailed(Exception):
    pass


def axe_source() -> str:
    """The axe.min.js that axe-playwright-python bundles (used only for this file)."""
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("axe-playwright-python is not installed")
    for folder in spec.submodule_search_locations:
        for path in Path(folder).rglob("axe*.js"):
            text = path.read_text(encoding="utf-8")
            if re.search(r"axe v4\.", text[:200]):
                return text
    raise SystemExit("No axe 4.x script found inside axe-playwright-python")


class Run:
    """One browser (a width, JavaScript on or off) and what it found."""

    def __init__(self, args, size_name: str, javascript: bool, axe: str, results: dict):
        self.base = args.base_url.rstrip("/")
        self.database = args.database
        self.out = Path(args.out)
        self.size_name = size_name
        self.javascript = javascript
        self.label = f"{size_name}-{'js' if javascript else 'nojs'}"
        self.axe = axe
        self.results = results
        self.page_number = 0
        options = webdriver.ChromeOptions()
        options.binary_location = args.chromium
        for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--no-first-run", "--disable-extensions", "--lang=en-GB",
                     f"--window-size={SIZES[size_name][0]},{SIZES[size_name][1]}"]:
            options.add_argument(flag)
        self.driver = webdriver.Chrome(options=options, service=Service(args.chromedriver))
        if not javascript:
            # Page scripts off through DevTools (it holds across navigations). axe needs timers and
            # promises, so scripts are switched on only while axe runs, after the page has loaded.
            self.set_scripts(False)
            self.driver.get("data:text/html,<title>off</title><script>document.title='on'</script>")
            if self.driver.title != "off":
                raise WebDriverException("JavaScript could not be switched off")
        self.driver.set_page_load_timeout(WAIT)
        width, height = SIZES[size_name]
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": height, "deviceScaleFactor": 1, "mobile": size_name == "phone"})

    def close(self):
        try:
            self.driver.quit()
        except WebDriverException:
            pass

    # MARK: pages

    def url(self, path: str) -> str:
        return self.base + path

    def open(self, path: str, name: str):
        self.driver.get(self.url(path))
        self.page(name)

    def page(self, name: str):
        """Checks the page now shown: not an error page, axe, screenshot."""
        self.page_number += 1
        driver = self.driver
        WebDriverWait(driver, WAIT).until(lambda d: d.execute_cdp_cmd(
            "Runtime.evaluate", {"expression": "document.readyState", "returnByValue": True}
        )["result"].get("value") == "complete")
        path = urlparse(driver.current_url).path
        title = driver.title
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        shot = self.out / f"{self.label}-{self.page_number:02d}-{slug}.png"
        self.screenshot(shot)
        if title.startswith("Page not found") or title.startswith("Sorry, there is a problem") \
                or title.startswith("You cannot do this") or title.startswith("Sign in to continue"):
            raise CheckFailed(f"{name}: error page '{title}' at {path}")
        overflow = self.sideways_overflow() if self.size_name in REFLOW_SIZES else None
        violations = self.run_axe()
        record = {"run": self.label, "page": name, "path": path, "title": title,
                  "screenshot": str(shot), "violations": violations, "overflow": overflow}
        self.results["pages"].append(record)
        problems = []
        blocking = [v for v in violations if v.get("impact") in BLOCKING_IMPACTS]
        if blocking:
            summary = "; ".join(f"{v['id']} ({v['impact']}, {len(v['nodes'])} nodes)" for v in blocking)
            problems.append(f"serious or critical axe violations: {summary}")
        if overflow:
            problems.append(reflow_message(overflow))
        if problems:
            raise CheckFailed(f"{name} ({path}): " + "; ".join(problems))

    def sideways_overflow(self):
        """None when the page fits the width; else the viewport, the document width and what sticks out."""
        measured = self.js(REFLOW_SCRIPT)
        if measured["scrollWidth"] <= measured["viewport"] + 1:
            return None
        return measured

    def screenshot(self, path: Path):
        try:
            data = self.driver.execute_cdp_cmd(
                "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
            import base64
            path.write_bytes(base64.b64decode(data["data"]))
        except WebDriverException:
            self.driver.save_screenshot(str(path))

    def set_scripts(self, enabled: bool):
        self.driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": not enabled})

    def js(self, script: str, *args):
        """Runs a test script in the page (switching page scripts on just for it in a no-JavaScript run)."""
        if not self.javascript:
            self.set_scripts(True)
        try:
            return self.driver.execute_script(script, *args)
        finally:
            if not self.javascript:
                self.set_scripts(False)

    def run_axe(self) -> list:
        if not self.javascript:
            self.set_scripts(True)
        try:
            return self.axe_violations()
        finally:
            if not self.javascript:
                self.set_scripts(False)

    def axe_violations(self) -> list:
        driver = self.driver
        driver.set_script_timeout(WAIT)
        driver.execute_script(self.axe)
        result = driver.execute_async_script(
            """
            const done = arguments[arguments.length - 1];
            axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
              .then(r => done(JSON.stringify(r.violations)))
              .catch(e => done(JSON.stringify({error: String(e)})));
            """, AXE_TAGS)
        parsed = json.loads(result)
        if isinstance(parsed, dict):
            raise CheckFailed(f"axe did not run: {parsed['error']}")
        return [{"id": v["id"], "impact": v.get("impact"), "help": v["help"], "helpUrl": v.get("helpUrl"),
                 "nodes": [n.get("target") for n in v["nodes"]]} for v in parsed]

    # MARK: interaction

    def find(self, css: str):
        return WebDriverWait(self.driver, WAIT).until(EC.presence_of_element_located((By.CSS_SELECTOR, css)))

    def finds(self, css: str):
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def click_and_wait(self, element):
        """Clicks something that loads a new page, and waits until the old page has gone."""
        old = self.driver.find_element(By.TAG_NAME, "html")
        element.click()

        def old_page_gone(_):
            # Chromedriver reports a node of a replaced document either as stale or, in a race while the
            # new document loads, as "does not belong to the document": both mean the old page has gone.
            try:
                old.is_enabled()
                return False
            except WebDriverException:
                return True

        WebDriverWait(self.driver, WAIT).until(old_page_gone)

    def button(self, text: str):
        for candidate in self.finds("button, input[type=submit]"):
            label = candidate.text.strip() or (candidate.get_attribute("value") or "")
            if label.strip() == text:
                return candidate
        raise CheckFailed(f"No button '{text}' on {self.driver.current_url}")

    def fill(self, name: str, value: str):
        field = self.find(f"[name='{name}']")
        field.clear()
        field.send_keys(value)

    def choose(self, name: str, index: int = 1):
        """Selects the option at index (0 is usually the prompt) of a select."""
        select = Select(self.find(f"select[name='{name}']"))
        if len(select.options) <= index:
            raise CheckFailed(f"Select {name} has no option {index}")
        select.select_by_index(index)
        return select.options[index].text

    def tick(self, input_id: str):
        """Ticks a radio or checkbox by clicking it (or its label, when the input itself is hidden)."""
        field = self.find(f"#{input_id}")
        labels = self.finds(f"label[for='{input_id}']")
        if field.is_displayed() and field.size["width"] > 0:
            field.click()
        elif labels:
            labels[0].click()
        else:
            raise CheckFailed(f"#{input_id} cannot be clicked and has no label")
        if not field.is_selected():
            raise CheckFailed(f"#{input_id} is not ticked after clicking its label")

    def expect_no_error_summary(self, where: str):
        if self.finds(".error-summary"):
            messages = [a.text for a in self.finds(".error-summary a")]
            raise CheckFailed(f"{where}: the form was refused: {messages}")

    def check_error_summary(self, where: str):
        """The error summary is there, focusable, and every link goes to a field on the page."""
        summaries = self.finds(".error-summary")
        if not summaries:
            raise CheckFailed(f"{where}: no error summary")
        summary = summaries[0]
        if summary.get_attribute("tabindex") != "-1":
            raise CheckFailed(f"{where}: the error summary is not focusable (tabindex={summary.get_attribute('tabindex')})")
        focused = self.js("arguments[0].focus(); return document.activeElement === arguments[0];",
                                             summary)
        if not focused:
            raise CheckFailed(f"{where}: the error summary cannot take focus")
        links = summary.find_elements(By.CSS_SELECTOR, "a[href^='#']")
        if not links:
            raise CheckFailed(f"{where}: the error summary has no links to fields")
        for link in links:
            target = link.get_attribute("href").split("#", 1)[1]
            fields = self.finds(f"[id='{target}']")
            if not fields:
                raise CheckFailed(f"{where}: error link '{link.text}' points to #{target}, which is not on the page")
            if fields[0].tag_name not in ("input", "textarea", "select"):
                raise CheckFailed(f"{where}: error link '{link.text}' points to a <{fields[0].tag_name}>, not a field")
        # Following the first link moves focus to its field.
        first = links[0]
        target = first.get_attribute("href").split("#", 1)[1]
        first.click()
        WebDriverWait(self.driver, WAIT).until(lambda d: self.js("return location.hash") == "#" + target)
        active = self.js("return document.activeElement && document.activeElement.id")
        if active != target:
            raise CheckFailed(f"{where}: following '{first.text}' focused #{active}, not #{target}")

    def sign_in(self, who: str):
        self.driver.delete_all_cookies()
        email, password = ACCOUNTS[who]
        self.open("/sign-in", f"sign in as {who}")
        self.fill("email", email)
        self.fill("password", password)
        self.click_and_wait(self.button("Sign in"))
        if urlparse(self.driver.current_url).path == "/sign-in":
            raise CheckFailed(f"Signing in as {who} failed")

    # MARK: journeys

    def journey_home(self):
        self.open("/", "home")

    def journey_share(self):
        self.open("/feedback", "share: choose a service")
        links = self.finds(".choice-list a")
        if not links:
            raise CheckFailed("No services to choose on /feedback")
        self.click_and_wait(links[0])
        if "/feedback/new" not in self.driver.current_url or "service=" not in self.driver.current_url:
            raise CheckFailed(f"Choosing a service went to {self.driver.current_url}")
        self.page("share: form")
        self.tick("field-fft_rating")
        self.fill("story", f"Browser test ({self.label}): the reception staff were kind and the wait was short.")
        self.tick("field-consent_to_publish")
        self.click_and_wait(self.button("Send feedback"))
        self.expect_no_error_summary("share: submit")
        if "/feedback/thank-you" not in self.driver.current_url:
            raise CheckFailed(f"Sending feedback went to {self.driver.current_url}, not the thank-you page")
        self.page("share: thank you")
        reference = self.find(".reference").text.strip()
        if not reference:
            raise CheckFailed("The thank-you page shows no reference")
        # The thank-you page's link shows what has happened to it, found by the reference.
        self.click_and_wait(self.find("a[href^='/feedback/check']"))
        self.page("share: check on it")
        text = self.find("main").text
        if f"What has happened to {reference}" not in text or "waiting to be read" not in text:
            raise CheckFailed("Checking on the feedback does not show what has happened to it")
        self.fill("reference", "HRD-0000")
        self.click_and_wait(self.button("Check"))
        self.page("share: check with a mistyped reference")
        self.check_error_summary("check on feedback with a mistyped reference")

    def journey_share_answer_only(self):
        """Only the FFT answer ticked, as on a phone: counted, with a thank-you page that says so."""
        self.open("/feedback", "share: choose a service (answer only)")
        self.driver.get(self.finds(".choice-list a")[0].get_attribute("href"))
        self.page("share: form (answer only)")
        self.tick("field-fft_rating")
        self.click_and_wait(self.button("Send feedback"))
        self.expect_no_error_summary("share: answer only")
        if "/feedback/thank-you" not in self.driver.current_url or "answer=only" not in self.driver.current_url:
            raise CheckFailed(f"Sending only an answer went to {self.driver.current_url}")
        self.page("share: thank you (answer only)")
        text = self.find("main").text
        if "We count every answer" not in text or "reads every piece of feedback" in text:
            raise CheckFailed("The answer-only thank-you page does not say the answer was counted")

    def journey_share_errors(self):
        self.open("/feedback", "share: choose a service (for errors)")
        href = self.finds(".choice-list a")[0].get_attribute("href")
        self.driver.get(href)
        self.page("share: empty form")
        self.click_and_wait(self.button("Send feedback"))
        self.page("share: error summary")
        self.check_error_summary("share form sent empty")

    def journey_sign_in_errors(self):
        self.driver.delete_all_cookies()
        self.open("/sign-in", "sign in")
        self.fill("email", ACCOUNTS["moderator"][0])
        self.fill("password", "not-the-password")
        self.click_and_wait(self.button("Sign in"))
        self.page("sign in: wrong password")
        self.check_error_summary("sign-in with a wrong password")

    def journey_stories(self):
        self.open("/stories", "stories")
        place = self.choose("place", 1)
        self.click_and_wait(self.button("Show stories"))
        if "place=" not in self.driver.current_url:
            raise CheckFailed(f"Filtering stories by {place} went to {self.driver.current_url}")
        self.page(f"stories in {place}")

    def journey_you_said_we_did(self):
        self.open("/you-said-we-did", "you said we did")
        links = self.finds("a[href*='/you-said-we-did/places/']")
        if not links:
            raise CheckFailed("No place links on /you-said-we-did")
        self.click_and_wait(links[0])
        self.page("you said we did: a place")

    def journey_dashboard(self):
        self.sign_in("engagement")
        self.open("/staff", "dashboard")
        place = self.choose("place", 1)
        Select(self.find("select[name='period']")).select_by_value("12-weeks")
        self.click_and_wait(self.button("Show figures"))
        self.page(f"dashboard: {place}, last 12 weeks")
        heading = self.find("#themes").text
        if f"in the last 12 weeks, {place}" not in heading:
            raise CheckFailed(f"Dashboard themes heading '{heading}' does not say the last 12 weeks, {place}")
        # The weekly table sits in a closed "Show the figures as a table": follow a figure link that is on show.
        links = [link for link in self.finds("main table a[href*='/staff/feedback?']") if link.is_displayed()]
        if not links:
            raise CheckFailed(f"No figure links on the dashboard for {place}")
        href = links[0].get_attribute("href")
        if "from=" not in href:
            raise CheckFailed(f"A dashboard figure link does not carry the period: {href}")
        self.click_and_wait(links[0])
        self.page(f"feedback behind a dashboard figure for {place}")
        self.open("/staff?place=nowhere&period=forever", "dashboard: unknown place and period")
        if not self.finds(".notice"):
            raise CheckFailed("No notice on the dashboard for an unknown place and period")

    def journey_fft_results(self):
        self.sign_in("engagement")
        self.open("/staff", "dashboard (for FFT results)")
        self.click_and_wait(self.find("a[href='/staff/fft']"))
        self.page("FFT results: last month")
        if not self.finds("main table td"):
            raise CheckFailed("The FFT results page has no figures for the demo's last month")
        month = self.choose("month", 3)
        organisation = self.choose("organisation", 1)
        self.click_and_wait(self.button("Show results"))
        self.page(f"FFT results: {month}, {organisation}")
        heading = self.find("#result").text
        if month.replace(" (so far)", "") not in heading:
            raise CheckFailed(f"The FFT result heading '{heading}' does not name {month}")
        # A month of the year's table opens that month's page.
        self.click_and_wait(self.finds("#months ~ .table-wrap a, section[aria-labelledby='months'] a")[0])
        self.page("FFT results: a month from the table")
        self.open("/staff/fft?month=2026-13", "FFT results: a month that is not one")
        if not self.finds(".notice"):
            raise CheckFailed("No notice on the FFT results page for a month that is not one")

    def journey_moderate(self):
        self.sign_in("moderator")
        self.open("/staff/moderation", "moderation queue")
        links = self.finds("a[href*='/staff/moderation/']")
        if not links:
            raise CheckFailed("Nothing in the moderation queue")
        self.click_and_wait(links[0])
        self.page("moderate an item")
        self.click_and_wait(self.find("button[name='decision'][value='approve']"))
        self.expect_no_error_summary("moderation: approve")
        self.page("moderation: approved")

    def journey_reply(self):
        self.sign_in("complaints")
        self.open("/staff/replies", "replies queue")
        links = self.finds("main a[href*='/staff/feedback/']")
        if not links:
            raise CheckFailed("Nothing waiting for a reply")
        self.click_and_wait(links[0])
        self.page("feedback item")
        self.fill("body", "Thank you for telling us. We have shared this with the team.")
        self.click_and_wait(self.button("Publish reply"))
        self.expect_no_error_summary("reply")
        self.page("reply published")

    def journey_action(self):
        self.sign_in("engagement")
        self.open("/staff/feedback", "staff feedback list")
        boxes = self.finds("input[name='feedback[]']")
        if not boxes:
            raise CheckFailed("No feedback to select on /staff/feedback")
        self.tick(boxes[0].get_attribute("id"))
        self.click_and_wait(self.button("Raise an action from the selected feedback"))
        if "/staff/actions/new" not in self.driver.current_url:
            raise CheckFailed(f"Raising an action went to {self.driver.current_url}")
        self.page("raise an action")
        self.fill("you_said", "People told us the wait for appointments was not explained.")
        self.fill("title", "Explain waiting times at reception and by text message.")
        # The organisation (and the service, for one story) come filled in from the feedback: changing only the
        # organisation would be refused, as the service is run by that one.
        if not Select(self.find("select[name='organisation_id']")).first_selected_option.get_attribute("value"):
            self.choose("organisation_id", 1)
        self.choose("owner_id", 1)
        due = self.find("[name='due_on']")
        # An action's due date must be ahead, so it is set from today.
        self.js("arguments[0].value = arguments[1];", due, (date.today() + timedelta(days=90)).isoformat())
        self.click_and_wait(self.button("Raise action"))
        self.expect_no_error_summary("raise an action")
        if not re.search(r"/staff/actions/[0-9A-Fa-f-]{36}", self.driver.current_url):
            raise CheckFailed(f"Saving the action went to {self.driver.current_url}")
        self.page("action")
        statuses = self.finds("input[name='status'][type='radio']")
        self.tick(statuses[1].get_attribute("id") if len(statuses) > 1 else statuses[0].get_attribute("id"))
        self.fill("note", "Reception scripts drafted; text messages start next month.")
        self.click_and_wait(self.button("Save update"))
        self.expect_no_error_summary("action update")
        self.page("action updated")

    def journey_complaint(self):
        self.sign_in("complaints")
        self.open("/staff/complaints", "complaints")
        links = [a.get_attribute("href") for a in self.finds("main table a[href*='/staff/complaints/']")]
        if not links:
            raise CheckFailed("No open complaints in the demo")
        for link in links:
            self.driver.get(link)
            if self.finds("form[action$='/acknowledge']"):
                break
        else:
            raise CheckFailed("No complaint waiting for its acknowledgement")
        self.page("complaint to acknowledge")
        # The date is filled in with today; leaving out how it will be handled must be refused, nothing saved.
        self.click_and_wait(self.button("Record acknowledgement"))
        self.check_error_summary("complaint acknowledgement without a note")
        self.page("complaint acknowledgement: error")

    def journey_boards(self):
        self.sign_in("secretary")
        self.open("/staff/boards", "boards")
        self.click_and_wait(self.find("main a[href*='/staff/boards/']"))
        self.page("board")
        if not self.finds(".warning-callout"):
            raise CheckFailed("The demo place committee should carry the lived-experience notice")
        member = [a for a in self.finds("main table a") if a.text.strip() == "Tom Brennan"]
        if not member:
            raise CheckFailed("No Tom Brennan (the member yet to declare) on the board page")
        self.click_and_wait(member[0])
        self.page("board member")
        # No kind chosen: refused with an error summary, nothing saved.
        self.click_and_wait(self.button("Record declaration"))
        self.check_error_summary("declaration without a kind")
        self.page("declaration: error")
        nil_return = self.find("input[name='kind'][value='none']")
        self.tick(nil_return.get_attribute("id"))
        self.click_and_wait(self.button("Record declaration"))
        self.expect_no_error_summary("nil return")
        if "Nil return recorded" not in self.find("main").text:
            raise CheckFailed("Recording a nil return did not say so")
        self.open("/boards", "public boards")
        self.click_and_wait(self.find("main a[href^='/boards/']"))
        self.page("public board and register")
        if "Register of interests" not in self.find("main").text:
            raise CheckFailed("The public board page has no register of interests")

    def journey_idea(self):
        self.sign_in("panel")
        self.open("/me", "your involvement")
        self.fill("title", "")
        self.click_and_wait(self.button("Put forward my idea"))
        self.check_error_summary("idea without a title or details")
        self.page("your involvement: error")
        # Each run puts forward its own idea: the same idea twice from one person is refused as a repeat.
        title = f"Easy-read letters for every clinic ({self.label})"
        self.fill("title", title)
        self.fill("details", "People with a learning disability cannot read our appointment letters.")
        self.click_and_wait(self.button("Put forward my idea"))
        self.expect_no_error_summary("idea")
        if title not in self.find("main").text:
            raise CheckFailed("The idea is not listed on the person's page after putting it forward")
        self.open("/ideas", "ideas taken forward")
        self.sign_in("engagement")
        self.open("/staff/ideas?status=submitted", "ideas waiting")
        self.click_and_wait(self.find("main table a[href*='/staff/ideas/']"))
        self.page("idea to answer")
        self.click_and_wait(self.button("Save response"))
        self.check_error_summary("idea answer without a status")
        self.page("idea answer: error")

    def journey_invitation(self):
        self.sign_in("panel")
        self.open("/me", "your involvement with an invitation")
        first = [b for b in self.finds("main button") if b.text.strip() == "Send my reply"]
        if first:
            # Not answered yet (the first run on this demo): an empty reply is refused.
            self.click_and_wait(first[0])
            self.check_error_summary("invitation reply without an answer")
            self.page("invitation reply: error")
        yes = self.find("main input[type='radio'][value='accepted']")
        self.tick(yes.get_attribute("id"))
        needs = self.find("main textarea[name^='access_needs-']")
        needs.clear()
        needs.send_keys("A seat near the door, please.")
        submit = [b for b in self.finds("main button") if b.text.strip() in ("Send my reply", "Change my reply")]
        if not submit:
            raise CheckFailed("No reply button on the invitation")
        self.click_and_wait(submit[0])
        self.expect_no_error_summary("invitation reply")
        if "look forward to seeing you" not in self.find("main").text:
            raise CheckFailed("Accepting the invitation did not say so")
        self.page("invitation replied")

    def journey_indicators(self):
        self.sign_in("engagement")
        self.open("/staff/indicators", "indicators for a place")
        if "Relational care in feedback, by quarter" not in self.find("main").text:
            raise CheckFailed("The indicators page has no relational care series")
        self.click_and_wait(self.find("main table a[href*='/staff/indicators/']"))
        self.page("indicator")
        self.click_and_wait(self.button("Record figure"))
        self.check_error_summary("figure without a place, period, value or source")
        self.page("indicator: error")
        # Many figures from CSV: a bad line is named and nothing loads; then a good file loads.
        self.fill("csv", "place,period_start,value,source\nLeeds,2099-04-01,5,Browser test")
        self.click_and_wait(self.button("Load figures"))
        self.check_error_summary("CSV with a period not started")
        if "Line 2" not in self.find(".error-summary").text:
            raise CheckFailed("The CSV error does not name its line")
        self.page("indicator: CSV error")
        self.fill("csv", "place,period_start,value,source\nLeeds,2024-04-01,5,Browser test")
        self.click_and_wait(self.button("Load figures"))
        self.expect_no_error_summary("CSV load")
        if "Loaded 1 figure from the CSV" not in self.find("main").text:
            raise CheckFailed("Loading figures from CSV did not say so")

    def journey_consultation(self):
        """The engagement officer answers the themes of a closed consultation and gives an open one longer; the
        public reads the decisions. Each theme's form has its own field ids, so an error lands on its own field."""
        self.sign_in("engagement")
        self.open("/consultations", "consultations")
        links = {a.text.strip(): a.get_attribute("href") for a in self.finds("main a[href*='/consultations/']")}
        closed = [href for text, href in links.items() if "eye clinic" in text.lower()]
        opened = [href for text, href in links.items() if "stroke" in text.lower()]
        if not closed or not opened:
            raise CheckFailed(f"The demo consultations are missing from /consultations: {sorted(links)}")
        self.driver.get(closed[0].replace("/consultations/", "/staff/consultations/"))
        self.page("consultation: themes")
        saves = [b for b in self.finds("main button") if b.text.strip().startswith("Save response to ")]
        if len(saves) >= 2:
            # The second theme's reason emptied: refused, and the error link focuses that theme's box.
            form = saves[1].find_element(By.XPATH, "./ancestor::form")
            reason = form.find_element(By.CSS_SELECTOR, "textarea[name='response_reason']")
            reason.clear()
            self.click_and_wait(form.find_element(By.CSS_SELECTOR, "button[type='submit']"))
            self.check_error_summary("theme response without a reason")
            self.page("consultation: theme error")
            ids = self.js("return Array.from(document.querySelectorAll('[id]')).map(e => e.id)")
            repeated = sorted({i for i in ids if ids.count(i) > 1})
            if repeated:
                raise CheckFailed(f"Ids used more than once on the consultation page: {repeated}")
        self.driver.get(opened[0].replace("/consultations/", "/staff/consultations/"))
        self.page("consultation: open")
        self.click_and_wait(self.button("Extend the consultation"))
        self.check_error_summary("extension without a date or reason")
        self.page("consultation: extension error")
        self.open("/decisions", "public decisions")
        self.click_and_wait(self.find("main a[href^='/decisions/']"))
        self.page("public decision")
        if "Declarations of interest" not in self.find("main").text:
            raise CheckFailed("The public decision record has no declarations of interest")

    def journey_survey_builder(self):
        """The engagement officer puts right the survey of a consultation that has not opened: changes the third
        question (an empty question is refused first) and moves it up, with buttons and no script needed."""
        self.sign_in("engagement")
        self.open("/consultations", "consultations (for the survey builder)")
        links = [a.get_attribute("href") for a in self.finds("main a[href*='/consultations/']")
                 if "overnight" in a.text.lower()]
        if not links:
            raise CheckFailed("The demo consultation that has not opened yet is missing from /consultations")
        self.driver.get(links[0].replace("/consultations/", "/staff/consultations/"))
        self.page("survey builder")
        def named(css: str, name: str):
            """The control whose whole name, visually hidden words included, is `name`."""
            found = [e for e in self.finds(css) if " ".join(e.get_attribute("textContent").split()) == name]
            if not found:
                raise CheckFailed(f"No '{name}' in the survey list on {self.driver.current_url}")
            return found[0]
        self.click_and_wait(named(".question-actions a", "Change question 3"))
        self.page("survey builder: change a question")
        self.fill("text", " ")
        self.click_and_wait(self.button("Save question"))
        self.check_error_summary("a question changed to nothing")
        self.page("survey builder: change error")
        wording = f"What would help you most at night ({self.label})?"
        self.fill("text", wording)
        self.click_and_wait(self.button("Save question"))
        self.expect_no_error_summary("survey builder: save the changed question")
        if "Question 3 changed." not in self.find("main").text:
            raise CheckFailed("Saving the changed question did not say so")
        self.click_and_wait(named(".question-actions button", "Move up question 3"))
        self.expect_no_error_summary("survey builder: move up")
        items = [li.text for li in self.finds(".question-list > li")]
        if len(items) < 3 or wording not in items[1]:
            raise CheckFailed(f"The changed question is not second after moving it up: {items}")
        self.page("survey builder: moved")

    def journey_declaration_link(self):
        """The secretary e-mails a member the declaration form; the member, not signed in, declares through it.
        Needs the server's SQLite file to read the link from the notices outbox (skipped without --database)."""
        if not self.database:
            print(f"skip {self.label} declaration_link: no --database to read the e-mailed link from", flush=True)
            return
        self.sign_in("secretary")
        self.open("/staff/boards", "boards (for a declaration link)")
        self.click_and_wait([a for a in self.finds("main a") if a.text.strip() == "Leeds Place Committee"][0])
        member = [a for a in self.finds("main table a") if a.text.strip() == "David Okafor"]
        if not member:
            raise CheckFailed("No David Okafor (a member without an account) on the board page")
        self.click_and_wait(member[0])
        self.fill("email", "david.okafor@example.org")
        self.click_and_wait(self.button("E-mail the declaration form"))
        self.expect_no_error_summary("sending a declaration link")
        if "The declaration form was e-mailed" not in self.find("main").text:
            raise CheckFailed("Sending the declaration form did not say so")
        self.page("board member: form e-mailed")
        import sqlite3
        with sqlite3.connect(self.database) as db:
            body = db.execute("SELECT body FROM notices WHERE kind = 'declaration_link' ORDER BY rowid DESC LIMIT 1"
                              ).fetchone()[0]
        path = "/declare/" + body.split("/declare/", 1)[1].split()[0]
        self.driver.delete_all_cookies()
        self.open(path, "declaration by link")
        self.click_and_wait(self.button("Make my declaration"))
        self.check_error_summary("declaration by link without a kind")
        self.page("declaration by link: error")
        self.tick(self.find("input[name='kind'][value='none']").get_attribute("id"))
        self.click_and_wait(self.button("Make my declaration"))
        if "Your nil return is recorded" not in self.find("main").text:
            raise CheckFailed("Declaring through the link did not say it was recorded")
        self.page("declaration by link: thank you")

    def journey_guest_invitation(self):
        """The engagement officer invites someone without an account to an upcoming activity; they reply through
        the e-mailed link, not signed in. Needs the server's SQLite file to read the link from the notices outbox
        (skipped without --database)."""
        if not self.database:
            print(f"skip {self.label} guest_invitation: no --database to read the e-mailed link from", flush=True)
            return
        self.sign_in("engagement")
        self.open("/staff/activities?when=upcoming", "upcoming activities (for a guest invitation)")
        self.click_and_wait(self.find("main table a[href*='/staff/activities/']"))
        self.click_and_wait(self.button("Send invitation"))
        self.check_error_summary("guest invitation without a name or address")
        self.page("activity: guest invitation error")
        # Each run invites its own guest: the same address twice is "already invited".
        email = f"guest-{self.label}@example.org"
        self.fill("guest_name", "Maya Patel")
        self.fill("guest_email", email)
        self.fill("guest_contact", "Text first, she works shifts")
        self.click_and_wait(self.button("Send invitation"))
        self.expect_no_error_summary("guest invitation")
        if "Invited Maya Patel" not in self.find("main").text:
            raise CheckFailed("Inviting someone without an account did not say so")
        self.page("activity: guest invited")
        import sqlite3
        with sqlite3.connect(self.database) as db:
            body = db.execute("SELECT body FROM notices WHERE kind = 'invitation' AND to_address = ? "
                              "ORDER BY rowid DESC LIMIT 1", (email,)).fetchone()[0]
        path = "/invitation/" + body.split("/invitation/", 1)[1].split()[0]
        self.driver.delete_all_cookies()
        self.open(path, "invitation by link")
        self.click_and_wait(self.button("Send my reply"))
        self.check_error_summary("invitation by link without an answer")
        self.page("invitation by link: error")
        self.tick(self.find("input[name='reply'][value='accepted']").get_attribute("id"))
        self.fill("access_needs", "A seat near the door, please.")
        self.click_and_wait(self.button("Send my reply"))
        self.expect_no_error_summary("invitation by link")
        if "your reply is saved" not in self.find("main").text:
            raise CheckFailed("Replying through the invitation link did not say it was saved")
        self.page("invitation by link: replied")

    def journey_outbox(self):
        self.sign_in("admin")
        # The administrator's less frequent pages sit behind one navigation link.
        self.click_and_wait(self.find("nav a[href='/staff/admin']"))
        self.page("administration")
        self.click_and_wait(self.find("main a[href='/staff/notices']"))
        if "E-mail outbox" not in self.find("h1").text:
            raise CheckFailed("The outbox page has no heading")
        summaries = self.finds("main table details summary")
        if summaries:
            summaries[0].click()
        self.page("e-mail outbox: one e-mail open")

    def journey_personal_data(self):
        self.sign_in("admin")
        self.click_and_wait(self.find("nav a[href='/staff/admin']"))
        self.click_and_wait(self.find("main a[href='/staff/personal-data']"))
        self.page("personal data: find")
        self.fill("email", "complainant1@example.org")
        self.click_and_wait(self.button("Find"))
        self.page("personal data: found")
        if not self.find("main h2#found").text.startswith("Found: 1 piece of feedback"):
            raise CheckFailed("The search does not say what it found")
        # A formal complaint is kept, so there is nothing to erase and no Erase button.
        if "There is nothing more to erase" not in self.find("main").text:
            raise CheckFailed("A complainant's kept complaint still offers an erasure")
        # Someone who answered a consultation has something to erase.
        self.fill("email", "respondent0@example.org")
        self.click_and_wait(self.button("Find"))
        if not self.find("main h2#found").text.startswith("Found: "):
            raise CheckFailed("The search for a respondent does not say what it found")
        # Sent without a reason or the tick: nothing is erased, and the errors are summarised.
        self.click_and_wait(self.button("Erase"))
        self.page("personal data: erase refused")
        self.check_error_summary("erase sent without a reason or the tick")

    def journey_background_work(self):
        self.sign_in("admin")
        self.open("/staff/jobs", "background work")
        if "Background work" not in self.find("h1").text:
            raise CheckFailed("The background work page has no heading")

    def journey_text_model(self):
        self.sign_in("admin")
        self.open("/staff/settings", "settings (for the text model)")
        self.click_and_wait(self.find("main a[href='/staff/settings/text-model']"))
        self.page("text model")
        if "Text model" not in self.find("h1").text:
            raise CheckFailed("The text model page has no heading")
        if not self.finds("main table th[scope='row']"):
            raise CheckFailed("The text model page lists no themes")
        # Re-analysing is offered unless one is under way (an earlier run of this journey may have started it).
        buttons = [b for b in self.finds("main button") if b.text.strip() == "Re-analyse stored feedback"]
        if buttons:
            self.click_and_wait(buttons[0])
            self.page("text model: re-analysis started")
            if not self.finds("main .notice"):
                raise CheckFailed("Starting a re-analysis said nothing")

    def journey_retire_service(self):
        self.sign_in("admin")
        self.open("/staff/services", "services (to retire one)")
        retire = self.finds("main table a[href$='/retire']")
        if not retire:
            raise CheckFailed("The services list offers no way to retire a service")
        self.click_and_wait(retire[0])
        self.page("retire a service: what it means")
        name = self.find("h1").text
        self.click_and_wait(self.button("Retire service"))
        self.page("services: one retired")
        if "Service retired" not in self.find("main .notice").text:
            raise CheckFailed(f"Retiring a service did not say so ({name})")
        self.click_and_wait(self.find("main a[href*='retired=show']"))
        self.page("services: retired ones shown")
        restore = [b for b in self.finds("main table button") if b.text.strip().startswith("Restore")]
        if not restore:
            raise CheckFailed("A retired service cannot be restored from the list")
        self.click_and_wait(restore[0])
        self.page("services: restored")
        if "Service restored" not in self.find("main .notice").text:
            raise CheckFailed("Restoring a service did not say so")

    def journey_open_data(self):
        self.open("/", "home (for open data)")
        self.click_and_wait(self.find("footer a[href='/open-data']"))
        self.page("open data")
        downloads = [a.get_attribute("href") for a in self.finds("main a[download]")]
        if len(downloads) < 7 or not all(href.endswith(".csv") for href in downloads):
            raise CheckFailed(f"The open data page lists {len(downloads)} CSV downloads: {downloads}")
        # The data dictionary opens without JavaScript (a native details element) and passes axe open.
        for summary in self.finds("main details summary"):
            summary.click()
        if not all(d.get_attribute("open") is not None for d in self.finds("main details")):
            raise CheckFailed("A column list did not open")
        self.page("open data: column lists open")

    def journey_accounts(self):
        # Signed out: the forgotten-password page from the sign-in page, with its error and its answer.
        self.driver.delete_all_cookies()
        self.open("/sign-in", "sign in (for a forgotten password)")
        self.click_and_wait(self.find("main a[href='/forgot-password']"))
        self.page("forgot password")
        self.fill("email", "not an address")
        self.click_and_wait(self.button("Send me a link"))
        self.check_error_summary("forgotten password with a malformed address")
        self.page("forgot password: error")
        self.fill("email", ACCOUNTS["panel"][0])
        self.click_and_wait(self.button("Send me a link"))
        if "Check your e-mail" not in self.find("h1").text:
            raise CheckFailed("Asking for a reset link did not say to check e-mail")
        self.page("forgot password: link sent")
        # Signed in: one's own password (refused without the current one), and an administrator's view of a person.
        self.sign_in("admin")
        self.click_and_wait(self.find("nav a[href='/account/password']"))
        self.page("change your password")
        self.click_and_wait(self.button("Save new password"))
        self.check_error_summary("changing a password without the current one")
        self.page("change your password: error")
        self.open("/staff/users", "people")
        people = [a.get_attribute("href") for a in self.finds("main table a[href*='/staff/users/']")]
        if not people:
            raise CheckFailed("The people list links to nobody's page")
        self.driver.get(people[-1])
        self.page("a person's account")
        self.open("/staff/complaints?from=2026-01-01&to=2026-13-01", "complaints figures: bad date")
        self.check_error_summary("complaint figures with a date that does not exist")

    def journey_event_signup(self):
        """A member of the public says they are coming to a consultation's event: an empty form is refused with an
        error summary, then they are signed up and shown the event again."""
        self.driver.delete_all_cookies()
        self.open("/consultations", "consultations (events)")
        hrefs = [a.get_attribute("href") for a in self.finds("main a[href*='/consultations/']")]
        signup = None
        for href in hrefs:
            self.driver.get(href)
            links = self.finds("main a[href$='/sign-up']")
            if links:
                signup = links[0].get_attribute("href")
                break
        if signup is None:
            raise CheckFailed("No open consultation offers an event to sign up to")
        self.page("consultation with an event to sign up to")
        self.driver.get(signup)
        self.page("event sign-up form")
        self.click_and_wait(self.button("Tell us you're coming"))
        self.check_error_summary("sign-up sent empty")
        self.page("event sign-up: error summary")
        self.fill("name", f"Browser test {self.label}")
        self.fill("phone", "07700 900 123")
        self.fill("people", "1")
        self.click_and_wait(self.button("Tell us you're coming"))
        self.expect_no_error_summary("sign-up")
        if "/signed-up" not in self.driver.current_url:
            raise CheckFailed(f"Signing up went to {self.driver.current_url}, not the thank-you page")
        self.page("event sign-up: thank you")

    def journey_meetings(self):
        """The board secretary reads a planned meeting's agenda and a held one's minutes; planning one with nothing
        filled in is refused; the public reads the published agenda and the approved minutes."""
        self.sign_in("secretary")
        self.open("/staff/boards", "boards (meetings)")
        self.click_and_wait(self.find("main a[href*='/staff/boards/']"))
        meetings = [a.get_attribute("href") for a in self.finds("main a[href*='/staff/meetings/']")]
        if len(meetings) < 2:
            raise CheckFailed(f"The demo place committee should have two meetings, found {len(meetings)}")
        self.click_and_wait(self.button("Plan the meeting"))
        self.check_error_summary("meeting planned with nothing filled in")
        self.page("board: meeting error")
        for number, href in enumerate(meetings):
            self.driver.get(href)
            self.page(f"meeting {number + 1}")
            minutes = [a.get_attribute("href") for a in self.finds("main a[href$='/minutes']")]
            if minutes:
                self.driver.get(minutes[0])
                self.page(f"meeting {number + 1}: minutes")
        self.driver.delete_all_cookies()
        self.open("/boards", "public boards (meetings)")
        boards = [a.get_attribute("href") for a in self.finds("main a[href^='/boards/'], main a[href*='/boards/']")]
        public = []
        for href in boards:
            self.driver.get(href)
            public += [a.get_attribute("href") for a in self.finds("main a[href*='/meetings/']")]
        if not public:
            raise CheckFailed("No board lists a published agenda or approved minutes")
        for number, href in enumerate(sorted(set(public))):
            self.driver.get(href)
            self.page(f"public meeting {number + 1}")

    JOURNEYS = ["home", "share", "share_answer_only", "share_errors", "stories", "you_said_we_did", "sign_in_errors",
                "dashboard", "fft_results", "moderate", "reply", "action", "complaint", "boards", "consultation", "survey_builder", "idea",
                "invitation", "indicators", "open_data", "declaration_link", "guest_invitation", "outbox", "personal_data",
                "background_work", "accounts", "text_model", "retire_service", "event_signup", "meetings"]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--out", default="artifacts/browser")
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    parser.add_argument("--chromedriver", default=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    parser.add_argument("--only", help="comma-separated journeys to run")
    parser.add_argument("--database", help="the demo server's SQLite file, for journeys that read the outbox")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.png"):
        old.unlink()
    axe = axe_source()
    journeys = args.only.split(",") if args.only else Run.JOURNEYS
    results = {"pages": [], "journeys": []}
    passed = failed = 0
    for size_name in SIZES:
        for javascript in (True, False):
            run = None
            try:
                run = Run(args, size_name, javascript, axe, results)
                for journey in journeys:
                    started = time.monotonic()
                    try:
                        getattr(run, "journey_" + journey)()
                        passed += 1
                        outcome, detail = "passed", ""
                    except (CheckFailed, WebDriverException, AssertionError) as error:
                        failed += 1
                        outcome = "failed"
                        detail = str(error) if isinstance(error, CheckFailed) else traceback.format_exc(limit=3)
                        print(f"FAIL {run.label} {journey}: {detail}", flush=True)
                        try:
                            run.screenshot(out / f"{run.label}-FAILED-{journey}.png")
                        except WebDriverException:
                            pass
                    results["journeys"].append({"run": run.label, "journey": journey, "outcome": outcome,
                                                "detail": detail,
                                                "seconds": round(time.monotonic() - started, 1)})
                    if outcome == "passed":
                        print(f"ok   {run.label} {journey}", flush=True)
            except WebDriverException as error:
                failed += 1
                print(f"FAIL {size_name} js={javascript}: the browser did not start: {error}", flush=True)
            finally:
                if run:
                    run.close()
    write_report(out, results, passed, failed)
    print(f"browser: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


def reflow_message(overflow: dict) -> str:
    """Says how far the document scrolls sideways and names the elements that reach past the right edge."""
    text = (f"the page scrolls sideways at phone width (WCAG 1.4.10 Reflow): the document is "
            f"{overflow['scrollWidth']}px wide in a {overflow['viewport']}px viewport")
    offenders = overflow["offenders"]
    if not offenders:
        return text + "; no single element reaches past the right edge (look for margins or transforms)"
    named = [(f"{o['count']} × " if o["count"] > 1 else "")
             + f"{o['element']} (right edge {o['right']}px, {o['width']}px wide"
             + (f", position: {o['position']}" if o["position"] else "")
             + (f", sticks out of {o['escapes']}" if o["escapes"] else "")
             + (f", in {o['within']})" if o["within"] else ")") for o in offenders[:5]]
    return text + "; elements past the right edge, likeliest cause first: " + "; ".join(named)


def write_report(out: Path, results: dict, passed: int, failed: int):
    (out / "report.json").write_text(json.dumps(results, indent=2))
    by_impact: dict = {}
    lines = ["# Browser checks", "",
             f"Journeys: {passed} passed, {failed} failed. Pages checked with axe: {len(results['pages'])}.",
             f"axe rule tags: {', '.join(AXE_TAGS)}. Serious and critical violations fail the run.",
             f"Reflow: at {', '.join(sorted(REFLOW_SIZES))} width the document must not scroll sideways; "
             f"pages that did: {sum(1 for p in results['pages'] if p.get('overflow'))}.", ""]
    for page in results["pages"]:
        for violation in page["violations"]:
            by_impact[violation["impact"]] = by_impact.get(violation["impact"], 0) + 1
    lines.append("Violations by impact (one per rule per page): "
                 + (", ".join(f"{k}: {v}" for k, v in sorted(by_impact.items(), key=lambda kv: str(kv[0])))
                    or "none"))
    lines.append("")
    failures = [j for j in results["journeys"] if j["outcome"] == "failed"]
    if failures:
        lines += ["## Failed journeys", ""]
        lines += [f"- {j['run']} {j['journey']}: {j['detail']}" for j in failures]
        lines.append("")
    lines += ["## Violations", ""]
    any_violation = False
    for page in results["pages"]:
        for violation in page["violations"]:
            any_violation = True
            lines.append(f"- [{violation['impact']}] {page['run']} {page['page']} ({page['path']}): "
                         f"{violation['id']}: {violation['help']} — {len(violation['nodes'])} element(s): "
                         f"{json.dumps(violation['nodes'][:5])}")
    if not any_violation:
        lines.append("None.")
    (out / "report.md").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    sys.exit(main())
