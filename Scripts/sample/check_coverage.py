#!/usr/bin/env python3
"""Evaluates the 宜春 sample (invented data) month by month and checks that it exercises every
warning rule, every level and every stage of the ladder.

    python3 Scripts/sample/check_coverage.py [--quiet] [--semantics targets|form]

An independent implementation, written from the default rules and the ladder as docs/rules.md states them (minus
the paths of an overdue 整改 report, which need people), in exact decimal arithmetic. It shares
no code with the generator: it reads the files in Sources/YujingResources/sample/, both target
files and the default configuration yujing.yaml.

Each 2020 month is evaluated as of the day its file arrived (arrivals.csv): indicator rules with
the stats file, project rules with the project report, whose dates are compared with the last day
of the month it describes (never with the day it arrived). A rule applies where its target was set
(`--semantics targets`, the default): the growth rules judge every growth target, the amount rule
every amount target. Two scenarios run the ladder:

  A  the default rules in every month of 2020 (the problem: the epidemic makes every county red
     in February and March, and the ladder summons all of them);
  B  the office's answer for the first half: the indicator findings of 2020-01 … 2020-06 are
     suppressed (as by a date-limited rule set or an exemption until 2020-06-30); an exempted
     period breaks every run (docs/rules.md#the-ladder). Projects keep the default rules.

The findings are the same in both (a suppressed finding still exists, flagged). Coverage is asserted
for both: every rule at each of its levels at least once in 2020 — and again within 2020-07 …
2020-12, so that it holds whatever the office does with the first half — and every stage entered
at least once in 2020-07 … 2020-12. The stories of the sample's README are asserted as expectations.
Exit status 1 when anything fails.
"""
from __future__ import annotations

import argparse
import json
import csv
import datetime as dt
import re
import sys
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "Sources" / "YujingResources" / "sample"
DEFAULT = ROOT / "Sources" / "YujingResources" / "default"

LEVELS = ["none", "blue", "yellow", "orange", "red"]
RANK = {name: i for i, name in enumerate(LEVELS)}
STAGES = ["reminder", "talk_deputy", "talk_mayor", "lifted"]
RULE_LEVELS = {
    "growth_gap": ["blue", "yellow", "orange", "red"],
    "negative_growth": ["red"],
    "below_province": ["yellow"],
    "amount_lag": ["blue", "yellow", "orange", "red"],
    "rank_bottom_two": ["yellow"],
    "rank_last_twice": ["red"],
    "project_investment": ["yellow", "red"],
    "project_start_overdue": ["yellow", "red"],
    "project_unregistered": ["yellow", "red"],
    "project_milestone_overdue": ["yellow", "red"],
    "project_stalled": ["red"],
    "feed_late": ["yellow"],
}
H2 = [f"2020-{m:02d}" for m in range(7, 13)]
ZERO, HUNDRED = Decimal(0), Decimal(100)


def half_up(x: Decimal, places: int = 1) -> Decimal:
    return x.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def num(text: str) -> Decimal | None:
    text = (text or "").strip()
    return Decimal(text) if text else None


def date(text: str) -> dt.date | None:
    text = (text or "").strip()
    return dt.date.fromisoformat(text) if text else None


# ------------------------------------------------------------------------------------------------
# configuration: a small reader for the flow-style YAML of yujing.yaml
# ------------------------------------------------------------------------------------------------


def parse_flow(text: str):
    """Parses one YAML flow value: {k: v, …}, [a, b], "quoted" or a bare scalar."""
    pos = 0

    def skip():
        nonlocal pos
        while pos < len(text) and text[pos] in " \t\n\r":
            pos += 1

    def value():
        nonlocal pos
        skip()
        ch = text[pos]
        if ch == "{":
            pos += 1
            out = {}
            while True:
                skip()
                if text[pos] == "}":
                    pos += 1
                    return out
                key = scalar(":")
                pos += 1  # ':'
                out[key] = value()
                skip()
                if text[pos] == ",":
                    pos += 1
        if ch == "[":
            pos += 1
            out = []
            while True:
                skip()
                if text[pos] == "]":
                    pos += 1
                    return out
                out.append(value())
                skip()
                if text[pos] == ",":
                    pos += 1
        return scalar(",}]")

    def scalar(stops: str) -> str:
        nonlocal pos
        skip()
        if text[pos] in "\"'":
            quote = text[pos]
            end = text.index(quote, pos + 1)
            out = text[pos + 1:end]
            pos = end + 1
            return out
        start = pos
        while pos < len(text) and text[pos] not in stops:
            pos += 1
        return text[start:pos].strip()

    return value()


def read_configuration(path: Path) -> dict:
    lines = path.read_text(encoding="utf-8").splitlines()
    sections: dict[str, list[str]] = defaultdict(list)
    current = None
    for line in lines:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        top = re.match(r"^([a-z_]+):(.*)$", line)
        if top:
            current = top.group(1)
            if top.group(2).strip():
                sections[current].append(top.group(2))
            continue
        if current:
            sections[current].append(line)

    def flow_items(body: list[str]) -> list[dict]:
        items, buffer, depth = [], "", 0
        for line in body:
            text = line.strip()
            if text.startswith("- {") and depth == 0:
                buffer = text[2:]
            elif depth > 0:
                buffer += " " + text
            else:
                continue
            depth = buffer.count("{") - buffer.count("}") + buffer.count("[") - buffer.count("]")
            if depth == 0:
                items.append(parse_flow(buffer))
                buffer = ""
        return items

    config = {
        "city": parse_flow(" ".join(sections["city"])),
        "regions": flow_items(sections["regions"]),
        "departments": flow_items(sections["departments"]),
        "indicators": flow_items(sections["indicators"]),
    }
    feeds, feed = [], None
    for line in sections["feeds"]:
        m = re.match(r"^\s*- name:\s*(\S+)", line)
        if m:
            feed = {"name": m.group(1)}
            feeds.append(feed)
            continue
        m = re.match(r"^\s{4}(due_day|provider|kind):\s*(\S+)", line)
        if m and feed is not None:
            feed[m.group(1)] = m.group(2)
    config["feeds"] = feeds
    leaders = {"deputies": flow_items([l for l in sections["leaders"] if l.strip().startswith("- {")])}
    for line in sections["leaders"]:
        m = re.match(r"^\s*mayor:\s*(\S+)", line)
        if m:
            leaders["mayor"] = m.group(1)
    config["leaders"] = leaders
    return config


# ------------------------------------------------------------------------------------------------
# calendar (the State Council's holiday notices): weekends, holidays and make-up working days of 2020 and 2021
# ------------------------------------------------------------------------------------------------


def days(first: str, last: str) -> set[dt.date]:
    a, b = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    return {a + dt.timedelta(days=i) for i in range((b - a).days + 1)}


HOLIDAYS = set().union(
    days("2020-01-01", "2020-01-01"), days("2020-01-24", "2020-02-02"), days("2020-04-04", "2020-04-06"),
    days("2020-05-01", "2020-05-05"), days("2020-06-25", "2020-06-27"), days("2020-10-01", "2020-10-08"),
    days("2021-01-01", "2021-01-03"), days("2021-02-11", "2021-02-17"), days("2021-04-03", "2021-04-05"),
    days("2021-05-01", "2021-05-05"), days("2021-06-12", "2021-06-14"), days("2021-09-19", "2021-09-21"),
    days("2021-10-01", "2021-10-07"))
MAKEUP = {dt.date.fromisoformat(d) for d in (
    "2020-01-19", "2020-04-26", "2020-05-09", "2020-06-28", "2020-09-27", "2020-10-10",
    "2021-02-07", "2021-02-20", "2021-04-25", "2021-05-08", "2021-09-18", "2021-09-26", "2021-10-09")}


def working(day: dt.date) -> bool:
    if day in MAKEUP:
        return True
    return day.weekday() < 5 and day not in HOLIDAYS


def due_date(period: str, due_day: int) -> dt.date:
    """The due day of month M+1, moved to the next working day (docs/rules.md#data-timeliness)."""
    year, month = map(int, period.split("-"))
    year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    day = dt.date(year, month, due_day)
    while not working(day):
        day += dt.timedelta(days=1)
    return day


# ------------------------------------------------------------------------------------------------
# periods
# ------------------------------------------------------------------------------------------------


def months_of(indicator: dict) -> list[int]:
    if indicator.get("frequency") == "quarterly":
        return [3, 6, 9, 12]
    return list(range(2, 13)) if indicator.get("january") == "combined" else list(range(1, 13))


def previous_period(period: str, indicator: dict) -> str:
    """The period before, in the indicator's own sequence (quarters; 1–2月 is one period)."""
    year, month = map(int, period.split("-"))
    months = months_of(indicator)
    i = months.index(month)
    return f"{year - 1}-{months[-1]:02d}" if i == 0 else f"{year}-{months[i - 1]:02d}"


def time_progress(period: str) -> Decimal:
    month = int(period[5:])
    return half_up(Decimal(month) * HUNDRED / Decimal(12))


def whole_months(start: dt.date, as_of: dt.date) -> int:
    """Whole calendar months from `start` to `as_of`, the day clamped (01-31 → 02-29 is one)."""
    months = (as_of.year - start.year) * 12 + as_of.month - start.month
    next_month = as_of.replace(day=28) + dt.timedelta(days=4)
    last_day = (next_month - dt.timedelta(days=next_month.day)).day
    if as_of.day < min(start.day, last_day):
        months -= 1
    return months


# ------------------------------------------------------------------------------------------------
# data
# ------------------------------------------------------------------------------------------------


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def load():
    config = read_configuration(DEFAULT / "yujing.yaml")
    targets = {}
    for source in (DEFAULT / "targets-2020.csv", SAMPLE / "targets-sample.csv"):
        for row in read_csv(source):  # a later file replaces the whole (year, region, indicator)
            targets[(int(row["year"]), row["region"], row["indicator"])] = (
                num(row["target_growth"]), num(row["target_value"]))
    observations = {}
    files = [SAMPLE / "indicators-history.csv"] + [SAMPLE / f"indicators-2020-{m:02d}.csv" for m in range(1, 13)]
    for path in files:
        for row in read_csv(path):
            observations[(row["period"], row["region"], row["indicator"])] = (num(row["value"]), num(row["growth"]))
    projects, milestones = {}, {}
    for m in range(1, 13):
        period = f"2020-{m:02d}"
        projects[period] = read_csv(SAMPLE / f"projects-{period}.csv")
        milestones[period] = defaultdict(list)
        for row in read_csv(SAMPLE / f"milestones-{period}.csv"):
            milestones[period][row["project"]].append(row)
    arrivals = {(r["period"], r["feed"]): date(r["arrives"]) for r in read_csv(SAMPLE / "arrivals.csv")}
    return config, targets, observations, projects, milestones, arrivals


def validate(config) -> list[str]:
    """The row checks of the canonical feeds (docs/operate.md#feeds), so that no row of the sample would be rejected."""
    problems = []
    regions = {r["code"]: r for r in config["regions"]}
    indicators = {i["code"]: i for i in config["indicators"]}
    departments = {d["code"] for d in config["departments"]}
    period_re = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")

    def check_indicator_file(path: Path):
        rows = read_csv(path)
        if list(rows[0].keys()) != ["period", "region", "indicator", "value", "growth"]:
            problems.append(f"{path.name}: header")
        seen = set()
        for n, row in enumerate(rows, start=2):
            where = f"{path.name}:{n}"
            key = (row["period"], row["region"], row["indicator"])
            if key in seen:
                problems.append(f"{where}: duplicate {key}")
            seen.add(key)
            if not period_re.match(row["period"]) or row["region"] not in regions or row["indicator"] not in indicators:
                problems.append(f"{where}: period, region or indicator unknown: {key}")
                continue
            spec = indicators[row["indicator"]]
            if int(row["period"][5:]) not in months_of(spec):
                problems.append(f"{where}: {row['indicator']} has no period {row['period']}")
            value, growth = num(row["value"]), num(row["growth"])
            if value is None and growth is None:
                problems.append(f"{where}: value and growth both empty")
            if value is not None and value < 0 or growth is not None and growth < -100:
                problems.append(f"{where}: impossible figure")
            if spec["unit"] == "%" and value is not None:
                problems.append(f"{where}: a growth-only indicator with a value")

    for path in [SAMPLE / "indicators-history.csv"] + [SAMPLE / f"indicators-2020-{m:02d}.csv" for m in range(1, 13)]:
        check_indicator_file(path)
    for path in (DEFAULT / "targets-2020.csv", SAMPLE / "targets-sample.csv"):
        seen = set()
        for n, row in enumerate(read_csv(path), start=2):
            key = (row["year"], row["region"], row["indicator"])
            if key in seen or row["region"] not in regions or regions[row["region"]]["kind"] == "province" \
                    or row["indicator"] not in indicators or not (row["target_growth"] or row["target_value"]):
                problems.append(f"{path.name}:{n}: bad or duplicate target {key}")
            seen.add(key)
    columns = ["period", "project", "name", "region", "department", "leader", "total_investment", "annual_plan",
               "completed_ytd", "status", "planned_start", "actual_start", "planned_completion", "registered"]
    for m in range(1, 13):
        path = SAMPLE / f"projects-2020-{m:02d}.csv"
        rows = read_csv(path)
        if list(rows[0].keys()) != columns:
            problems.append(f"{path.name}: header")
        codes = set()
        for n, row in enumerate(rows, start=2):
            where = f"{path.name}:{n}"
            codes.add(row["project"])
            if row["region"] not in regions or row["department"] not in departments or not row["leader"]:
                problems.append(f"{where}: region, department or leader")
            if row["status"] not in ("前期", "在建", "停工", "竣工"):
                problems.append(f"{where}: status {row['status']}")
            for field in ("total_investment", "annual_plan", "completed_ytd"):
                if num(row[field]) is None or num(row[field]) < 0:
                    problems.append(f"{where}: {field}")
            for field in ("planned_start", "actual_start", "planned_completion", "registered"):
                date(row[field])  # raises on a malformed date
            if row["registered"] and not row["actual_start"]:
                problems.append(f"{where}: registered without a start")
        for n, row in enumerate(read_csv(SAMPLE / f"milestones-2020-{m:02d}.csv"), start=2):
            if row["project"] not in codes or not row["stage"] or date(row["due"]) is None:
                problems.append(f"milestones-2020-{m:02d}.csv:{n}: {row}")
            date(row["done"])
    for row in read_csv(SAMPLE / "arrivals.csv"):
        if not period_re.match(row["period"]) or row["feed"] not in {f["name"] for f in config["feeds"]}:
            problems.append(f"arrivals.csv: {row}")
        date(row["arrives"])
    return problems


# ------------------------------------------------------------------------------------------------
# rules (docs/rules.md#warning-rules, #data-timeliness)
# ------------------------------------------------------------------------------------------------


class Evaluator:
    def __init__(self, config, targets, observations, semantics: str):
        self.config, self.targets, self.obs = config, targets, observations
        self.semantics = semantics  # "targets": a rule applies where its target was set; "form": by the indicator's form
        self.regions = {r["code"]: r for r in config["regions"]}
        self.indicators = {i["code"]: i for i in config["indicators"]}
        self.province = next(r["code"] for r in config["regions"] if r["kind"] == "province")
        self.groups = defaultdict(list)
        for r in config["regions"]:
            if r.get("group"):
                self.groups[r["group"]].append(r["code"])

    def measures(self, period: str, region: str, indicator: str) -> dict | None:
        """The measures of one subject in one period, or None without an observation."""
        observation = self.obs.get((period, region, indicator))
        if observation is None:
            return None
        value, growth = observation
        target_growth, target_value = self.targets.get((int(period[:4]), region, indicator), (None, None))
        m = {"value": value, "growth": growth, "target_growth": target_growth, "target_value": target_value}
        m["gap"] = growth - target_growth if growth is not None and target_growth is not None else None
        if value is not None and target_value:
            m["progress"] = half_up(value / target_value * HUNDRED)
            m["time_progress"] = time_progress(period)
            m["lag"] = m["progress"] - m["time_progress"]
        else:
            m["progress"] = m["time_progress"] = m["lag"] = None
        province = self.obs.get((period, self.province, indicator))
        m["province_growth"] = province[1] if province else None
        return m

    def growth_rules_apply(self, indicator: str) -> bool:
        return self.semantics == "targets" or self.indicators[indicator]["form"] == "growth"

    def amount_rules_apply(self, indicator: str) -> bool:
        return self.semantics == "targets" or self.indicators[indicator]["form"] == "amount"

    def rank_key(self, indicator: str, m: dict):
        """(metric, below target) for ranking: the form says which figure ranks, growth (and the
        gap below target) for a growth indicator, progress (and the lag) for an amount one."""
        if self.indicators[indicator]["form"] == "amount":
            return m["progress"], (m["lag"] is not None and m["lag"] < 0)
        return m["growth"], (m["gap"] is not None and m["gap"] < 0)

    def rank_position(self, period: str, region: str, indicator: str):
        """(last, one of the last two, below target) of a region in its group, or None."""
        group = self.regions[region].get("group")
        if not group:
            return None
        figures = {}
        for member in self.groups[group]:
            m = self.measures(period, member, indicator)
            if m is not None:
                metric, below = self.rank_key(indicator, m)
                if metric is not None:
                    figures[member] = (metric, below)
        if len(figures) < 3 or region not in figures:
            return None
        mine, below = figures[region]
        lower = sum(1 for metric, _ in figures.values() if metric < mine)  # ties share the better rank
        return lower == 0, lower <= 1, below

    def indicator_findings(self, period: str, region: str, indicator: str):
        """{rule: level} for one subject, or None when it has no observation."""
        if self.regions[region]["kind"] == "province":
            return None
        m = self.measures(period, region, indicator)
        if m is None:
            return None
        found = {}
        if self.growth_rules_apply(indicator) and m["growth"] is not None and m["target_growth"] is not None:
            gap = m["gap"]
            level = "red" if gap <= -3 else "orange" if gap <= -2 else "yellow" if gap <= -1 else "blue" if gap < 0 else None
            if level:
                found["growth_gap"] = level
            if m["growth"] < 0:
                found["negative_growth"] = "red"
            if m["province_growth"] is not None and m["growth"] < m["province_growth"]:
                found["below_province"] = "yellow"
        if self.amount_rules_apply(indicator) and m["lag"] is not None:
            lag = m["lag"]
            level = "red" if lag <= -20 else "orange" if lag <= -10 else "yellow" if lag <= -5 else "blue" if lag < 0 else None
            if level:
                found["amount_lag"] = level
        has_target = m["target_growth"] is not None or m["target_value"] is not None
        position = self.rank_position(period, region, indicator) if has_target else None
        if position:
            last, bottom_two, below = position
            if bottom_two and below:
                found["rank_bottom_two"] = "yellow"
            if last and below:
                before = self.rank_position(previous_period(period, self.indicators[indicator]), region, indicator)
                if before and before[0] and before[2]:
                    found["rank_last_twice"] = "red"
        return found, m


def period_end(period: str) -> dt.date:
    """The last day of a period: the day a report of that period describes."""
    year, month = int(period[:4]), int(period[5:])
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def project_findings(row: dict, milestones: list[dict], period: str) -> dict:
    """A project's findings in a period: every date is compared with the period's last day, never
    with the day the report arrived or was evaluated."""
    as_of = period_end(period)
    found = {}
    actual = date(row["actual_start"])
    started = actual is not None and actual <= as_of
    plan, completed = num(row["annual_plan"]), num(row["completed_ytd"])
    if started and row["status"] != "竣工" and plan:
        behind = time_progress(period) - half_up(completed / plan * HUNDRED)
        if behind > 30:
            found["project_investment"] = "red"
        elif behind >= 10:
            found["project_investment"] = "yellow"
    planned = date(row["planned_start"])
    if planned and not started:
        m = whole_months(planned, as_of)
        if m >= 3:
            found["project_start_overdue"] = "red"
        elif m >= 1:
            found["project_start_overdue"] = "yellow"
    registered = date(row["registered"])
    if started and not (registered and registered <= as_of):
        m = whole_months(actual, as_of)
        if m >= 2:
            found["project_unregistered"] = "red"
        elif m >= 1:
            found["project_unregistered"] = "yellow"
    worst = None
    for milestone in milestones:
        done = date(milestone["done"])
        if done and done <= as_of:
            continue
        late = (as_of - date(milestone["due"])).days
        level = "red" if late >= 31 else "yellow" if late >= 1 else None
        if level and (worst is None or RANK[level] > RANK[worst]):
            worst = level
    if worst:
        found["project_milestone_overdue"] = worst
    if row["status"] == "停工":
        found["project_stalled"] = "red"
    return found


# ------------------------------------------------------------------------------------------------
# the ladder (docs/rules.md#the-ladder)
# ------------------------------------------------------------------------------------------------

BREAK = "break"  # no observation, absent from the feed, or exempted


def ladder(sequence: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """Stage transitions of one subject of one addressee from its levels per period, in order.
    Every run counts the current period; a break resets every run."""
    stage, transitions = None, []
    any_run = yellow_run = red_run = clean_run = 0
    for period, level in sequence:
        if level == BREAK:
            any_run = yellow_run = red_run = clean_run = 0
            continue
        if level == "none":
            clean_run += 1
            any_run = yellow_run = red_run = 0
        else:
            clean_run = 0
            any_run += 1
            yellow_run = yellow_run + 1 if RANK[level] >= RANK["yellow"] else 0
            red_run = red_run + 1 if level == "red" else 0
        new = stage
        if stage is not None and clean_run >= 2:
            transitions.append((period, "lifted", level))
            stage = None
            continue
        if stage is None:
            if level == "red":
                new = "talk_deputy"
            elif level in ("yellow", "orange") or (level == "blue" and any_run >= 2):
                new = "reminder"
        elif stage == "reminder":
            if level == "red" or yellow_run >= 2:
                new = "talk_deputy"
        elif stage == "talk_deputy":
            if red_run >= 2:
                new = "talk_mayor"
        if new != stage:
            transitions.append((period, new, level))
            stage = new
    return transitions


# ------------------------------------------------------------------------------------------------
# the run
# ------------------------------------------------------------------------------------------------


def dump_findings(path, config, targets, observations, projects, milestones, arrivals, semantics) -> int:
    """The findings of every month of 2020 under the default rules, for comparing with yujing's
    own evaluation: {period: {"indicator@region" | "project CODE": {rule: level}}}, with the as-of
    date of each month's indicator and project files."""
    ev = Evaluator(config, targets, observations, semantics)
    out = {}
    for month in range(1, 13):
        period = f"2020-{month:02d}"
        found = {}
        for indicator, spec in ev.indicators.items():
            if month not in months_of(spec):
                continue
            for region in ev.regions:
                if ev.regions[region]["kind"] == "province":
                    continue
                result = ev.indicator_findings(period, region, indicator)
                rules = dict(result[0]) if result and result[0] else {}
                if result and precoordination_fires(ev, observations, period, region, indicator, rules) is not None:
                    rules["precoordination"] = "blue"
                if rules:
                    found[f"{indicator}@{region}"] = rules
        for row in projects[period]:
            result = project_findings(row, milestones[period].get(row["project"], []), period)
            if result:
                found["project " + row["project"]] = dict(result)
        out[period] = {"indicators_as_of": str(arrivals[(period, "stats")]),
                       "projects_as_of": str(arrivals[(period, "projects")]), "findings": found}
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(out, handle, ensure_ascii=False, indent=1, sort_keys=True)
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quiet", action="store_true", help="print only the summary")
    ap.add_argument("--semantics", choices=["targets", "form"], default="targets",
                    help="targets (default): the growth rules judge every growth target, the amount rule every "
                         "amount target, both where both are set; form: only the rules of the indicator's form "
                         "(the reading before targets were judged by what was set)")
    ap.add_argument("--dump", metavar="FILE",
                    help="write the default rules' findings of 2020-01…12 as JSON (period → subject → rules) and exit")
    args = ap.parse_args()
    config, targets, observations, projects, milestones, arrivals = load()
    if args.dump:
        return dump_findings(args.dump, config, targets, observations, projects, milestones, arrivals, args.semantics)
    problems = validate(config)
    for problem in problems[:20]:
        print("INVALID: " + problem)
    if problems:
        return 1
    ev = Evaluator(config, targets, observations, args.semantics)
    departments = {d["code"]: d["name"] for d in config["departments"]}
    feeds = {f["name"]: f for f in config["feeds"]}
    months = [f"2020-{m:02d}" for m in range(1, 13)]

    # findings[(kind, key)][period] = {rule: level}; kind "indicator" key (region, indicator)
    findings: dict[tuple, dict[str, dict | None]] = defaultdict(dict)
    values: dict[tuple, dict] = {}
    for period in months:
        for indicator, spec in ev.indicators.items():
            if int(period[5:]) not in months_of(spec):
                continue
            for region in ev.regions:
                if ev.regions[region]["kind"] == "province":
                    continue
                result = ev.indicator_findings(period, region, indicator)
                findings[("indicator", (region, indicator))][period] = result[0] if result else None
                if result:
                    values[(period, region, indicator)] = result[1]
        listed = set()
        for row in projects[period]:
            listed.add(row["project"])
            findings[("project", row["project"])][period] = project_findings(
                row, milestones[period].get(row["project"], []), period)
        for code in {k for (kind, k) in findings if kind == "project"} - listed:
            findings[("project", code)][period] = None
    late = {}
    for period in months:
        for name, feed in feeds.items():
            due = due_date(period, int(feed["due_day"]))
            arrived = arrivals.get((period, name))
            if arrived is None or arrived > due:
                late[(period, name)] = (due, arrived)

    project_rows = {row["project"]: row for period in months for row in projects[period]}

    def addressee(kind, key) -> str:
        if kind == "project":
            return departments[project_rows[key]["department"]]
        region, indicator = key
        r = ev.regions[region]
        return r.get("addressee") or departments[ev.indicators[indicator]["lead_department"]]

    def subject_name(kind, key) -> str:
        return key if kind == "project" else f"{key[1]}×{key[0]}"

    def level_of(found: dict | None) -> str:
        if found is None:
            return BREAK
        return max(found.values(), key=RANK.get) if found else "none"

    def exempt(kind, period, scenario) -> bool:
        return scenario == "B" and kind == "indicator" and period <= "2020-06"

    transitions = {}  # scenario → list of (period, addressee, subject, stage, level)
    for scenario in ("A", "B"):
        out = []
        for (kind, key), per_period in findings.items():
            if kind == "indicator":
                sequence_periods = [p for p in months if int(p[5:]) in months_of(ev.indicators[key[1]])]
            else:
                sequence_periods = months
            sequence = [(p, BREAK if exempt(kind, p, scenario) else level_of(per_period.get(p)))
                        for p in sequence_periods]
            for period, stage, level in ladder(sequence):
                out.append((period, addressee(kind, key), subject_name(kind, key), stage, level))
        transitions[scenario] = sorted(out)

    # ---------------- the printout ----------------
    def wrap(items: list[str], indent: str = "      ") -> str:
        lines, line = [], ""
        for item in items:
            if len(line) + len(item) > 96:
                lines.append(line)
                line = ""
            line += item + " "
        lines.append(line)
        return ("\n" + indent).join(l.rstrip() for l in lines)

    first_fired: dict[tuple[str, str], str] = {}
    first_fired_h2: dict[tuple[str, str], tuple[str, str, str]] = {}  # period, subject, addressee
    for period in months:
        by_rule = defaultdict(list)
        who_of = {}
        for (kind, key), per_period in sorted(findings.items()):
            found = per_period.get(period)
            for rule, level in (found or {}).items():
                by_rule[(rule, level)].append(subject_name(kind, key))
                who_of[subject_name(kind, key)] = addressee(kind, key)
        for (p, feed), _ in late.items():
            if p == period:
                by_rule[("feed_late", "yellow")].append(f"feed {feed}")
                who_of[f"feed {feed}"] = departments[feeds[feed]["provider"]]
        for rule_level, subjects in by_rule.items():
            first_fired.setdefault(rule_level, period)
            if period in H2:
                first_fired_h2.setdefault(rule_level, (period, subjects[0], who_of[subjects[0]]))
        if args.quiet:
            continue
        print(f"\n=== {period}  (as of: stats {arrivals[(period, 'stats')]}, "
              f"projects {arrivals[(period, 'projects')]}) ===")
        for rule in RULE_LEVELS:
            for level in RULE_LEVELS[rule]:
                subjects = sorted(by_rule.get((rule, level), []))
                if subjects:
                    print(f"  {rule:<26} {level:<6} {len(subjects):3d}  " + wrap(subjects, " " * 40))
        for scenario in ("A", "B"):
            notices = defaultdict(list)
            for p, who, subject, stage, level in transitions[scenario]:
                if p == period:
                    notices[who].append((subject, stage, level))
            if not notices:
                continue
            print(f"  -- ladder, scenario {scenario} --")
            for who in sorted(notices):
                entered = notices[who]
                kinds = {s for _, s, _ in entered}
                kind = "talk" if kinds & {"talk_deputy", "talk_mayor"} else "reminder" if "reminder" in kinds else None
                parts = []
                if kind:
                    parts.append(f"{kind} notice: " + ", ".join(
                        f"{subj} → {stage} ({lvl})" for subj, stage, lvl in entered if stage != "lifted"))
                lifted = [subj for subj, stage, _ in entered if stage == "lifted"]
                if lifted:
                    parts.append("lift notice: " + ", ".join(lifted))
                print(f"    {who}: " + "; ".join(parts))

    # ---------------- coverage ----------------
    failures = []
    print("\n=== coverage of rules and levels (first month overall / first in H2: subject, addressee) ===")
    for rule, levels in RULE_LEVELS.items():
        for level in levels:
            first = first_fired.get((rule, level))
            h2 = "  ".join(first_fired_h2.get((rule, level), ("—",)))
            print(f"  {rule:<26} {level:<6} {first or 'NEVER':<8} {h2}")
            if not first:
                failures.append(f"rule {rule} never fires at level {level}")
            elif (rule, level) not in first_fired_h2:  # so that coverage holds whatever the office does with the first half
                failures.append(f"rule {rule} fires at level {level} only in the first half")
    for scenario in ("A", "B"):
        print(f"\n=== stages entered in 2020-07 … 2020-12, scenario {scenario} (first month, addressee, subject) ===")
        for stage in STAGES:
            hits = [t for t in transitions[scenario] if t[3] == stage and t[0] in H2]
            if hits:
                p, who, subject, _, level = hits[0]
                print(f"  {stage:<12} {p}  {who}  {subject}  ({len(hits)} in H2)")
            else:
                print(f"  {stage:<12} NEVER")
                failures.append(f"scenario {scenario}: stage {stage} never entered in H2")

    # ---------------- the stories (README of the sample) ----------------
    print("\n=== stories ===")
    failures += check_stories(transitions, findings, late, ev, observations, months)

    print("\n=== precoordination (seasonal share or growth path of 2017–2019): projected miss > 0.5 while none/blue ===")
    hits = precoordination(ev, observations, findings, months)
    for line in hits:
        print("  " + line)
    if not hits:
        failures.append("no subject is projected to miss its target by more than 0.5 points while none/blue in H2")

    print()
    if failures:
        for f in failures:
            print("FAIL: " + f)
        return 1
    print(f"OK: every rule and level fires, every stage is entered in H2 (scenarios A and B), "
          f"stories hold (semantics: {args.semantics}).")
    return 0


# ------------------------------------------------------------------------------------------------
# the stories as expectations: (scenario(s), period, subject, stage)
# ------------------------------------------------------------------------------------------------

EXPECTED = [
    # 丰城: one reminder letter naming three subjects in August, a talk in September, the mayor in October
    ("AB", "2020-08", "industry_va×360981", "reminder"), ("AB", "2020-08", "fai×360981", "reminder"),
    ("AB", "2020-08", "retail×360981", "reminder"), ("AB", "2020-09", "industry_va×360981", "talk_deputy"),
    ("AB", "2020-09", "fai×360981", "talk_deputy"), ("AB", "2020-09", "retail×360981", "talk_deputy"),
    ("AB", "2020-10", "fai×360981", "talk_mayor"), ("AB", "2020-10", "retail×360981", "talk_mayor"),
    # 铜鼓: last on industry_va two periods running → talk_deputy, red again → talk_mayor
    ("AB", "2020-09", "industry_va×360926", "reminder"), ("AB", "2020-10", "industry_va×360926", "talk_deputy"),
    ("AB", "2020-11", "industry_va×360926", "talk_mayor"),
    # 高安: blue twice → reminder, two clean → lifted
    ("AB", "2020-10", "industry_va×360983", "reminder"), ("AB", "2020-12", "industry_va×360983", "lifted"),
    # 上高: rank_bottom_two → reminder
    ("AB", "2020-10", "retail×360923", "reminder"),
    # 奉新: below the province → reminder, talk_deputy
    ("AB", "2020-10", "fai×360921", "reminder"), ("AB", "2020-11", "fai×360921", "talk_deputy"),
    # 袁州 财政总收入 follows its 一般公共预算收入 down, below 2019 from November
    ("AB", "2020-09", "fiscal_total×360902", "reminder"), ("AB", "2020-10", "fiscal_total×360902", "talk_deputy"),
    ("AB", "2020-11", "fiscal_total×360902", "talk_mayor"),
    # 袁州 fiscal_general behind 序时, 宜阳新区 fdi: amount stories. Both also have a growth target
    # (the published 3.5 % and 6 %), which the growth rules judge: their growth, negative, makes them
    # red from July. Under the old reading by form only, the amount rule alone judged them.
    ("A", "2020-07", "fiscal_general×360902", "talk_deputy", "targets"),
    ("B", "2020-07", "fiscal_general×360902", "reminder", "targets"),
    ("B", "2020-08", "fiscal_general×360902", "talk_deputy", "targets"),
    ("AB", "2020-09", "fiscal_general×360902", "talk_mayor", "targets"),
    ("AB", "2020-07", "fdi×3609A2", "talk_deputy", "targets"), ("AB", "2020-08", "fdi×3609A2", "talk_mayor", "targets"),
    ("AB", "2020-08", "fiscal_general×360902", "reminder", "form"),
    ("AB", "2020-07", "fdi×3609A2", "reminder", "form"), ("AB", "2020-09", "fdi×3609A2", "talk_mayor", "form"),
    # the city's fai → 市发改委
    ("AB", "2020-11", "fai×360900", "reminder"),
]
EXPECTED_FINDINGS = [  # (period, region, indicator, rule, level)
    ("2020-11", "360902", "fiscal_total", "negative_growth", "red"),
    ("2020-10", "360926", "industry_va", "rank_last_twice", "red"),
    ("2020-10", "360923", "retail", "rank_bottom_two", "yellow"),
    ("2020-10", "360921", "fai", "below_province", "yellow"),
    ("2020-12", "360921", "fai", "below_province", "yellow"),
    ("2020-08", "360902", "fiscal_general", "amount_lag", "blue"),
    ("2020-09", "360902", "fiscal_general", "amount_lag", "yellow"),
    ("2020-10", "360902", "fiscal_general", "amount_lag", "orange"),
    ("2020-09", "3609A2", "fdi", "amount_lag", "red"),
]


def check_stories(transitions, findings, late, ev, observations, months) -> list[str]:
    failures = []
    for scenarios, period, subject, stage, *reading in EXPECTED:
        for scenario in scenarios:
            ok = any(t[0] == period and t[2] == subject and t[3] == stage for t in transitions[scenario])
            if ok:
                continue
            message = f"scenario {scenario}: {subject} should enter {stage} in {period}"
            if reading and reading[0] != ev.semantics:
                actual = [f"{t[0]} {t[3]}" for t in transitions[scenario] if t[2] == subject and t[0] in H2]
                print(f"  note ({ev.semantics} reading): {message}; here: {', '.join(actual)}")
            else:
                failures.append("story: " + message)
    for period, region, indicator, rule, level in EXPECTED_FINDINGS:
        found = findings[("indicator", (region, indicator))].get(period) or {}
        if found.get(rule) != level:
            failures.append(f"story: {rule} {level} expected for {indicator}×{region} in {period}, got {found}")
    # 丰城's August letter names exactly three subjects
    letter = [t for t in transitions["B"] if t[0] == "2020-08" and t[1] == "丰城市人民政府"]
    print(f"  丰城市人民政府 2020-08: {len(letter)} subject(s): " + ", ".join(t[2] for t in letter))
    if len(letter) != 3:
        failures.append("story: 丰城's August reminder letter should name three subjects")
    # 樟树: no finding at all in H2
    zs = [(p, key[1], f) for (kind, key), per in findings.items() if kind == "indicator" and key[0] == "360982"
          for p, f in per.items() if p in H2 and f]
    print(f"  樟树市 findings in H2: {len(zs)}")
    if zs:
        failures.append(f"story: 樟树 should have no finding in H2, has {zs[:3]}")
    # feed_late for stats 2020-07 and one projects month
    print("  late feeds: " + ", ".join(f"{feed} {p} (due {d}, arrived {a})" for (p, feed), (d, a) in sorted(late.items())))
    if ("2020-07", "stats") not in late or not any(feed == "projects" for (_, feed) in late):
        failures.append("story: stats 2020-07 and one projects month should be late")
    # H1: every county red in 2020-02 and 2020-03 on the monthly growth indicators
    counties = [c for c, r in ev.regions.items() if r.get("group") == "counties"]
    for period in ("2020-02", "2020-03"):
        for indicator in ("industry_va", "fai", "retail", "fiscal_total"):
            not_red = [c for c in counties
                       if (findings[("indicator", (c, indicator))].get(period) or {}).get("negative_growth") != "red"]
            if not_red:
                failures.append(f"story: every county should be negative_growth red on {indicator} in {period}: {not_red}")
    # the city outgrows the province on industry and fai at the year's end
    for indicator in ("industry_va", "fai"):
        city, province = observations[("2020-12", "360900", indicator)][1], observations[("2020-12", "360000", indicator)][1]
        print(f"  2020-12 {indicator}: city {city} province {province}")
        if city <= province:
            failures.append(f"story: the city should outgrow the province on {indicator}")
    return failures


def projection(spec, observations, period: str, region: str, indicator: str):
    """The projected year-end growth (docs/rules.md#precoordination) at a month, or None: the seasonal share where the
    indicator publishes levels (mean share of the year reached by the month, in the up to five
    earlier years that have both figures), else the path of the cumulative growth (mean change
    from the month to December). Two earlier years at least; never in December."""
    year, month = int(period[:4]), int(period[5:])
    if month == 12:
        return None
    now = observations.get((period, region, indicator))
    if now is None:
        return None
    earlier = [y for y in range(year - 5, year) if (f"{y}-12", region, indicator) in observations]
    if spec["unit"] != "%":
        base = observations.get((f"{year - 1}-12", region, indicator))
        shares = []
        for y in earlier:
            part = observations.get((f"{y}-{month:02d}", region, indicator))
            whole = observations[(f"{y}-12", region, indicator)]
            if part and part[0] and part[0] > 0 and whole[0] and whole[0] > 0:
                shares.append(part[0] / whole[0])
        if len(shares) >= 2 and now[0] and now[0] > 0 and base and base[0] and base[0] > 0:
            return half_up((now[0] / (sum(shares) / len(shares)) / base[0] - 1) * HUNDRED)
    moves = []
    for y in earlier:
        part = observations.get((f"{y}-{month:02d}", region, indicator))
        whole = observations[(f"{y}-12", region, indicator)]
        if part and part[1] is not None and whole[1] is not None:
            moves.append(whole[1] - part[1])
    if len(moves) >= 2 and now[1] is not None:
        return half_up(now[1] + sum(moves) / len(moves))
    return None


def precoordination_fires(ev, observations, period, region, indicator, others) -> Decimal | None:
    """The projection when the precoordination rule fires: a subject with a growth target,
    projected more than 0.5 below it while the other rules leave it none or blue."""
    spec = ev.indicators[indicator]
    if (ev.semantics == "form" and spec["form"] != "growth") or ev.regions[region]["kind"] == "province":
        return None
    target = ev.targets.get((int(period[:4]), region, indicator), (None, None))[0]
    if target is None:
        return None
    level = max(others.values(), key=RANK.get) if others else "none"
    if level not in ("none", "blue"):
        return None
    projected = projection(spec, observations, period, region, indicator)
    return projected if projected is not None and projected < target - Decimal("0.5") else None


def precoordination(ev, observations, findings, months) -> list[str]:
    """The subjects the precoordination rule finds in the second half-year."""
    lines = []
    for (kind, key), per in sorted(findings.items()):
        if kind != "indicator":
            continue
        region, indicator = key
        for period in H2:
            if period not in per:
                continue
            projected = precoordination_fires(ev, observations, period, region, indicator, per[period] or {})
            if projected is not None:
                target = ev.targets[(int(period[:4]), region, indicator)][0]
                lines.append(f"{period} {indicator}×{region}: growth "
                             f"{observations[(period, region, indicator)][1]}, projected {projected} vs target {target}")
    return lines


if __name__ == "__main__":
    sys.exit(main())
