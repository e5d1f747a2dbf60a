#!/usr/bin/env python3
"""Recomputes the lights of the sample's 督办台账 (invented data), independently of yujing.

    python3 Scripts/sample/check_ledger.py --as-of 2020-12-31 [--as-of …]

Reads Sources/YujingResources/sample/problems.csv and problems-events.csv and applies the rules of
docs/ledger.md as written there, with its own calendar (the State Council's holiday notices of 2020
and 2021), sharing no code with yujing:

- a problem's deadline is `due`, a date or N working days after `assigned`; a return (退回) sets the
  date it names, or the third working day after the return;
- only open problems (not 办结 or 销号) on or after the day they were assigned have a light; while a
  request to close (申请办结) awaits the office, the problem is judged as of the day it asked;
- red: more than 5 working days past the deadline, or returned twice; yellow: a working day or more
  past the deadline, or returned once; blue: the deadline within 3 working days (0 on the day
  itself, and on the days off after it); otherwise none.

Prints one JSON object: for each --as-of day, `{"lights": {code: light}}`. Events after a day do
not count on it.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[2] / "Sources" / "YujingResources" / "sample"


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
    return day in MAKEUP or (day.weekday() < 5 and day not in HOLIDAYS)


def add_working_days(day: dt.date, n: int) -> dt.date:
    while n > 0:
        day += dt.timedelta(days=1)
        if working(day):
            n -= 1
    return day


def working_days_between(after: dt.date, through: dt.date) -> int:
    """Working days strictly after `after`, up to and including `through`."""
    count, day = 0, after
    while day < through:
        day += dt.timedelta(days=1)
        count += working(day)
    return count


STATES_OPEN = {"交办", "办理中", "申请办结", "退回"}


def load():
    problems = {}
    with open(SAMPLE / "problems.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            assigned = dt.date.fromisoformat(row["assigned"])
            due = row["due"]
            due = dt.date.fromisoformat(due) if "-" in due else add_working_days(assigned, int(due))
            problems[row["code"]] = {"assigned": assigned, "due": due, "state": row["state"] or "交办"}
    with open(SAMPLE / "problems-events.csv", encoding="utf-8") as f:
        events = sorted(csv.DictReader(f), key=lambda e: e["day"])
    return problems, events


def state_on(problem: dict, events: list[dict], day: dt.date) -> dict:
    p = dict(problem, returns=0, asked=None)
    for e in events:
        when = dt.date.fromisoformat(e["day"])
        if when > day:
            break
        if e["action"] == "progress":
            if p["state"] != "申请办结":
                p["state"] = "办理中"
        elif e["action"] == "request_close":
            p["state"], p["asked"] = "申请办结", when
        elif e["action"] == "return":
            p["state"], p["asked"] = "退回", None
            p["returns"] += 1
            p["due"] = dt.date.fromisoformat(e["due"]) if e["due"] else add_working_days(when, 3)
        elif e["action"] == "close":
            p["state"], p["asked"] = "销号", None
    return p


def light(p: dict, day: dt.date) -> str:
    if p["state"] not in STATES_OPEN or p["assigned"] > day:
        return "none"
    judged = min(day, p["asked"]) if p["asked"] else day
    overdue = working_days_between(p["due"], judged) if judged > p["due"] else 0
    left = None if overdue > 0 else working_days_between(judged, p["due"])
    if overdue > 5 or p["returns"] >= 2:
        return "red"
    if overdue > 0 or p["returns"] >= 1:
        return "yellow"
    if left is not None and left <= 3:
        return "blue"
    return "none"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--as-of", action="append", required=True)
    args = parser.parse_args()
    problems, events = load()
    result = {}
    for text in args.as_of:
        day = dt.date.fromisoformat(text)
        states = {code: state_on(p, [e for e in events if e["code"] == code], day) for code, p in problems.items()}
        result[text] = {"lights": {code: light(p, day) for code, p in states.items()}}
    print(json.dumps(result, ensure_ascii=False, sort_keys=True))


if __name__ == "__main__":
    main()
