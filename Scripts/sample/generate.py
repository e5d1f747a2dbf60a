#!/usr/bin/env python3
"""Writes the embedded 宜春 sample that `yujing demo` replays: INVENTED data, not official statistics.

    python3 Scripts/sample/generate.py

Deterministic (fixed seed, Python 3.11 standard library only). Output goes to
Sources/YujingResources/sample/ (see the README written there). `check_coverage.py`, beside this
file, evaluates the output independently and checks that every rule and stage occurs.

How the figures are made
------------------------
* 2017–2019 (history): for every region and indicator an annual level, normal annual growth with
  mild noise, and a stable seasonal pattern give monthly (or quarterly) flows; the published
  figures are the cumulative levels (1–N月累计) and their growth over the same period of the year
  before, computed from the published (rounded) levels, so value and growth always agree.
* 2020: the *story* is written as the published cumulative growth of each month (the tables
  below). The cumulative level is solved from it (2019's published level × (1 + growth)), so the
  level, the growth and the implied monthly flows stay consistent; the script checks that every
  implied monthly flow is non-negative, i.e. that the story is a real series.
* Growth-only indicators (规上工业增加值, 固定资产投资) get a hidden index built the same way; only
  its growth is published.
* The city's level figures are the sum of its ten counties (the three zones lie inside counties
  and are reported beside them, not added); per-capita incomes are a population-weighted mean.
  Where the bureau's city figure differs from the sum of the counties (市本级 investment), the
  city's own path is given in CITY_OVERRIDES.

The first tables are the ones to read: STORIES (counties and zones), CITY_OVERRIDES, PROJECTS,
ARRIVALS. Everything below the line "machinery" only turns them into files.
"""
from __future__ import annotations

import csv
import datetime as dt
import random
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

SEED = 360900  # the city's code: any fixed number would do; this one is easy to remember

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "Sources" / "YujingResources" / "sample"
PUBLISHED_TARGETS = ROOT / "Sources" / "YujingResources" / "default" / "targets-2020.csv"

# ------------------------------------------------------------------------------------------------
# The city (mirrors yujing.yaml: codes, kinds, order)
# ------------------------------------------------------------------------------------------------

PROVINCE, CITY = "360000", "360900"
COUNTIES = {
    "360902": "袁州区", "360921": "奉新县", "360922": "万载县", "360923": "上高县", "360924": "宜丰县",
    "360925": "靖安县", "360926": "铜鼓县", "360981": "丰城市", "360982": "樟树市", "360983": "高安市",
}
ZONES = {"3609A1": "宜春经济技术开发区", "3609A2": "宜阳新区", "3609A3": "明月山温泉风景名胜区"}
REGION_ORDER = [PROVINCE, CITY, *COUNTIES, *ZONES]

# code: (unit, frequency, published with January alone?, decimals of the level or None = growth only)
INDICATORS = {
    "gdp": ("亿元", "quarterly", True, 2),
    "industry_va": ("%", "monthly", False, None),
    "fai": ("%", "monthly", False, None),
    "retail": ("亿元", "monthly", False, 2),
    "fiscal_total": ("亿元", "monthly", True, 2),
    "fiscal_general": ("亿元", "monthly", True, 2),
    "fdi": ("万美元", "monthly", True, 0),
    "exports": ("亿元", "monthly", True, 2),
    "income_urban": ("元", "quarterly", True, 0),
    "income_rural": ("元", "quarterly", True, 0),
    "electricity": ("亿千瓦时", "monthly", True, 2),
}
AMOUNT_FORM = {"fiscal_general", "fdi"}  # `form: amount` in yujing.yaml: targeted by an amount vs 序时
PROVINCE_INDICATORS = ["industry_va", "fai", "gdp", "retail"]  # the province figures published for 2020

# ------------------------------------------------------------------------------------------------
# Sizes: 2019 annual levels (invented, plausible in size beside the city's published figures)
# ------------------------------------------------------------------------------------------------

# The city's 2019 totals; the counties below are scaled so that they add up to these.
CITY_2019 = {
    "gdp": "2678.29", "retail": "755", "fiscal_total": "430", "fiscal_general": "174", "fdi": "94000",
    "exports": "225", "electricity": "143",
    # hidden levels of the growth-only indicators (亿元): weights for the city's growth only
    "industry_va": "800", "fai": "2400",
}
# Relative size of each county, per indicator, in COUNTIES order:
# 袁州 奉新 万载 上高 宜丰 靖安 铜鼓 丰城 樟树 高安. 丰城/樟树/高安/袁州 are the large ones, 靖安 and
# 铜鼓 the small mountain counties; 袁州 (the city seat) dominates retail and fdi, 高安 (建陶) and
# 樟树 (医药, 盐化工) exports, 丰城 (power, coal, recycling) electricity.
COUNTY_WEIGHTS = {
    "gdp":            [455, 190, 175, 215, 170, 80, 72, 520, 440, 455],
    "industry_va":    [120, 65, 55, 80, 65, 25, 22, 190, 170, 160],
    "fai":            [480, 170, 150, 190, 160, 80, 70, 430, 380, 400],
    "retail":         [210, 50, 45, 55, 45, 22, 20, 120, 95, 100],
    "fiscal_total":   [75, 26, 22, 30, 28, 11, 9, 62, 60, 55],
    "fiscal_general": [30, 11, 9.5, 12, 11.5, 4.8, 4.0, 24, 24, 22],
    "fdi":            [26000, 6500, 5200, 7000, 6000, 2500, 2000, 12000, 11000, 10500],
    "exports":        [20, 22, 12, 28, 14, 4, 3, 30, 38, 45],
    "electricity":    [18, 9, 8, 10, 14, 3.5, 3, 30, 20, 25],
}
# Per-capita incomes are not added up: each county's own 2019 level (元), and the population
# weights for the city's mean (urban, rural).
COUNTY_INCOME_2019 = {
    "income_urban": [35500, 30700, 30200, 31700, 31200, 29800, 29300, 34000, 34500, 33100],
    "income_rural": [16100, 14800, 14000, 15200, 15000, 13800, 13300, 16400, 16600, 15700],
}
POPULATION = {
    "income_urban": [62, 18, 16, 17, 14, 7, 6, 52, 33, 38],
    "income_rural": [38, 17, 27, 18, 15, 8, 8, 80, 38, 44],
}
# The zones' 2019 levels (they are not added into the city).
ZONE_2019 = {
    "3609A1": {"gdp": 165, "industry_va": 70, "fai": 120, "retail": 25, "fiscal_total": 28, "fiscal_general": 11,
               "fdi": 26000, "exports": 40, "electricity": 14, "income_urban": 34000, "income_rural": 16500},
    "3609A2": {"gdp": 58, "industry_va": 12, "fai": 85, "retail": 30, "fiscal_total": 10, "fiscal_general": 4.5,
               "fdi": 9000, "exports": 6, "electricity": 4, "income_urban": 35000, "income_rural": 17000},
    "3609A3": {"gdp": 32, "industry_va": 3, "fai": 28, "retail": 22, "fiscal_total": 5, "fiscal_general": 2.6,
               "fdi": 3000, "exports": 0.8, "electricity": 2, "income_urban": 32000, "income_rural": 15000},
}
# 江西省 2019 (levels only where published: GDP 24757.5亿 so that 2020's 25691.5亿 is +3.8 %).
PROVINCE_2019 = {"gdp": "24757.50", "retail": "9650", "industry_va": "9800", "fai": "26000"}

# ------------------------------------------------------------------------------------------------
# History 2017–2019: normal years
# ------------------------------------------------------------------------------------------------

# Usual annual growth (%) around which each region's year is drawn; year effects make 2017 a bit
# stronger and 2019 a bit weaker, as it was.
USUAL_GROWTH = {
    "gdp": 8.6, "industry_va": 9.0, "fai": 11.0, "retail": 11.0, "fiscal_total": 8.0, "fiscal_general": 7.0,
    "fdi": 9.0, "exports": 10.0, "electricity": 7.0, "income_urban": 8.3, "income_rural": 9.2,
}
YEAR_EFFECT = {2017: 0.4, 2018: 0.1, 2019: -0.3}
PROVINCE_GROWTH = {  # 江西省, as published in those years (rounded)
    "gdp": {2017: 8.9, 2018: 8.7, 2019: 8.0}, "industry_va": {2017: 9.1, 2018: 8.9, 2019: 8.5},
    "fai": {2017: 12.3, 2018: 11.1, 2019: 9.2}, "retail": {2017: 12.3, 2018: 11.0, 2019: 11.3},
}
# The seasonal pattern: the share of the year's flow in each month (quarter), in percent. The same
# every year up to a small noise, so that a forecast from the seasonal share (docs/rules.md#precoordination) works.
SEASONAL = {
    "industry_va": [6.5, 5.5, 8.5, 8.2, 8.4, 9.0, 8.0, 8.2, 8.9, 8.6, 9.0, 11.2],
    "fai": [3.0, 3.0, 7.0, 7.5, 8.5, 11.0, 8.0, 8.5, 10.0, 9.0, 10.0, 14.5],
    "retail": [9.0, 7.5, 7.8, 7.6, 8.0, 8.2, 7.8, 8.0, 8.4, 8.8, 9.0, 9.9],
    # tax is front-loaded (January carries December's activity) so 序时进度 is usually met
    "fiscal_total": [12.0, 6.0, 8.0, 10.0, 9.0, 10.0, 8.0, 6.0, 8.0, 8.0, 7.0, 8.0],
    "fiscal_general": [12.0, 6.0, 8.0, 10.0, 9.0, 10.0, 8.0, 6.0, 8.0, 8.0, 7.0, 8.0],
    # counties bring foreign capital in early ("双过半"), so fdi runs slightly ahead of 序时
    "fdi": [9.0, 8.0, 9.0, 9.0, 8.0, 9.0, 8.0, 8.0, 8.0, 9.0, 8.0, 7.0],
    "exports": [8.0, 5.0, 8.0, 8.0, 8.5, 9.0, 8.5, 8.5, 9.0, 8.5, 9.0, 10.0],
    "electricity": [9.0, 7.0, 8.0, 7.5, 7.8, 8.3, 9.5, 9.8, 8.2, 7.8, 7.9, 9.2],
    "gdp": [21.0, 24.0, 25.0, 30.0],
    "income_urban": [28.0, 24.0, 23.0, 25.0],
    "income_rural": [33.0, 20.0, 24.0, 23.0],
}
SEASONAL_NOISE = 0.008  # relative, per month and year: "a stable seasonal pattern"

# 宜丰县 retail, 2019: a new shopping centre (宜丰商业综合体) opened in November 2019 and lifted the
# last two months of 2019 above the county's usual pattern (×1.12 and ×1.16). In 2020 the
# cumulative figure is on target through September, but a forecast from the seasonal share of
# 2017–2019 sees that the year-end lift will not repeat: the precoordination story (docs/rules.md#precoordination).
HISTORY_BOOST = {("360924", "retail", 2019): {11: 1.12, 12: 1.16}}

# ------------------------------------------------------------------------------------------------
# 2020: the year of the epidemic — the typical county (published cumulative growth, %)
# ------------------------------------------------------------------------------------------------

# Monthly indicators: months 1..12 (None where the month is not published: 1–2月 combined).
# Every county is negative in 1–2月 and 1–3月 (like the province's published figures), recovers through the
# second quarter and is on or above its 2020 target from July: under the default rules H1 is red
# everywhere, H2 leaves only the laggards of the STORIES.
TYPICAL_2020 = {
    #                   Jan    Feb    Mar   Apr   May   Jun   Jul   Aug   Sep   Oct   Nov   Dec
    "industry_va":    [None, -9.0, -4.0, 0.0, 3.5, 6.8, 8.5, 8.7, 8.8, 8.9, 9.0, 9.1],      # target 8.2
    "fai":            [None, -16.0, -7.5, -2.0, 3.0, 7.0, 9.4, 9.6, 9.7, 9.8, 9.9, 10.0],  # target 9
    "retail":         [None, -9.0, -4.5, -0.5, 3.5, 7.5, 10.4, 10.5, 10.6, 10.7, 10.8, 10.9],   # 10
    "fiscal_total":   [6.0, -6.0, -9.0, -6.5, -3.0, 1.5, 5.4, 5.6, 5.7, 5.8, 5.9, 6.0],     # 5
    "fiscal_general": [5.0, -5.0, -8.0, -6.0, -2.5, 2.0, 5.0, 5.3, 5.5, 5.6, 5.7, 5.8],     # 3.5 + amount
    "fdi":            [7.0, 0.5, -3.0, -1.0, 2.5, 6.5, 7.0, 7.1, 7.2, 7.3, 7.4, 7.5],       # 6 + amount
    "exports":        [5.0, -10.0, -8.0, -4.0, 0.0, 4.0, 6.0, 7.5, 8.5, 9.0, 9.5, 10.0],    # no target
    "electricity":    [3.0, -12.0, -7.0, -4.0, -2.0, 0.0, 1.5, 2.5, 3.0, 3.5, 4.0, 4.5],    # no target
}
# Quarterly indicators: quarters 1..4 (months 03, 06, 09, 12).
TYPICAL_2020_Q = {
    "gdp": [-4.0, 4.0, 7.8, 7.8],           # target 8 (plus each county's margin)
    "income_urban": [3.0, 5.0, 7.8, 8.0],   # target 7.5 (nominal income still grew in Q1)
    "income_rural": [3.5, 5.5, 8.3, 8.6],   # target 8
}
# How each county fared in the first half (points added to the typical path, scaled by
# H1_SCALE of the month) and its margin above the typical path in the second half.
COUNTY_VIGOUR = {  # H1: + recovers faster, − slower
    "360902": 0.5, "360921": 0.0, "360922": -0.5, "360923": -0.3, "360924": 0.3,
    "360925": -1.0, "360926": -0.8, "360981": 2.0, "360982": 1.5, "360983": 0.8,
}
H1_SCALE = [0.3, 2.0, 1.5, 1.2, 0.8, 0.5]
COUNTY_MARGIN = {  # H2: points above the typical path (plus a small seeded jitter per indicator)
    "360902": 0.5, "360921": 0.4, "360922": 0.3, "360923": 0.45, "360924": 0.35,
    "360925": 0.25, "360926": 0.2, "360981": 0.4, "360982": 1.2, "360983": 0.6,
}
# 丰城 and 樟树 restarted first: on target already in June on the monthly indicators.
ON_TARGET_FROM = {"360981": 6, "360982": 6}

# ------------------------------------------------------------------------------------------------
# STORIES: what the laggards do in 2020 (cumulative growth %, or 序时 progress % for amount stories)
# ------------------------------------------------------------------------------------------------
# Each entry overrides the typical path in the months it names. Month numbers are 2020 months
# (quarter-end months for quarterly indicators). Levels in the comments are under the default rules.

STORIES = {
    # 丰城市: first to recover (on target in June), then three indicators slide at once from August.
    # Its 2019 base is high: the 循环经济园 steel-and-new-materials plant started in August 2019, and
    # the big 2019 projects finished while the 2020 ones (P2020-005 装备制造产业园二期) do not start;
    # a cluster of car dealers closed after the subsidy ended. → one reminder letter naming three
    # subjects in August, a talk (分管副市长) in September; fai and retail, last of the counties two
    # months running, go to the mayor in October.
    ("360981", "industry_va"): {5: 6.0, 6: 8.3, 7: 8.5, 8: 7.1, 9: 6.9, 10: 6.8, 11: 6.7, 12: 6.6},  # yellow
    ("360981", "fai"): {5: 6.0, 6: 9.1, 7: 9.3, 8: 7.6, 9: 7.4, 10: 6.5, 11: 5.9, 12: 5.6},  # yellow→orange→red
    ("360981", "retail"): {5: 7.0, 6: 10.2, 7: 10.4, 8: 8.8, 9: 8.6, 10: 8.5, 11: 8.4, 12: 8.3},  # yellow

    # 铜鼓县: small, one enterprise dominates its 规上工业. The main line of its largest plant stopped
    # in September for an environmental rectification (修河 source protection). On target in July
    # and August, then last of the ten counties on industry_va from September with gap < 0:
    # Sep yellow (one of the last two) → reminder; Oct red (last twice) → talk_deputy;
    # Nov red again → talk_mayor.
    ("360926", "industry_va"): {7: 8.6, 8: 8.2, 9: 6.8, 10: 6.5, 11: 6.6, 12: 6.3},

    # 高安市: 建筑陶瓷 orders fell in the third quarter (property market, July floods on the roads),
    # blue (just below target, never among the last two) in September and October → reminder;
    # orders came back, on target in November and December → lifted.
    ("360983", "industry_va"): {7: 8.4, 8: 8.5, 9: 7.7, 10: 7.9, 11: 8.3, 12: 8.5},

    # 上高县: retail just below target in October and December while one of the last two counties
    # (only 丰城 is lower) → rank_bottom_two yellow → reminder in October; November on target breaks
    # the run, so December's yellow neither escalates nor lets the case be lifted.
    ("360923", "retail"): {7: 10.4, 8: 10.3, 9: 10.2, 10: 9.6, 11: 10.1, 12: 9.8},

    # 奉新县: investment keeps growing but falls below the province average in the fourth quarter
    # (its 2019 base had the 锂电隔膜 plant; P2020-011 runs behind plan) → below_province yellow
    # in Oct, Nov, Dec (province 7.7 / 8.0 / 8.2): reminder in October, talk_deputy in November.
    ("360921", "fai"): {7: 9.3, 8: 9.4, 9: 9.1, 10: 7.5, 11: 7.9, 12: 8.1},

    # 袁州区 财政总收入: the big taxpayer that re-registered in the 经开区 in August (see its
    # 一般公共预算收入 below) pays its shared taxes there too: on target in July and August, then
    # Sep yellow (−1.1, last) → reminder; Oct red (−3.5) → talk_deputy; below 2019 from November
    # (negative_growth red) → talk_mayor.
    ("360902", "fiscal_total"): {7: 5.5, 8: 5.2, 9: 3.9, 10: 1.5, 11: -0.4, 12: -0.9},

    # 宜丰县: the precoordination story (see HISTORY_BOOST): on target all year, but 2019's year-end
    # lift will not repeat; by December the figure dips just below target (blue).
    ("360924", "retail"): {7: 10.4, 8: 10.5, 9: 10.4, 10: 10.2, 11: 10.1, 12: 9.9},
}

# Amount stories: 序时 progress (% of the 2020 amount target) by month; the level follows from it.
PROGRESS_STORIES = {
    # 袁州区 一般公共预算收入: ahead of 序时 in H1 (a large 契税 from land sales in the spring), then
    # 减税降费 and the move of a big taxpayer's registration to the 经开区 leave it behind:
    # Aug blue (−2.9), Sep yellow (−5.8), Oct–Dec orange (−10.3, −12.1, −11.5).
    ("360902", "fiscal_general"):
        {1: 12.5, 2: 18.5, 3: 26.0, 4: 35.0, 5: 43.5, 6: 52.0, 7: 59.5, 8: 63.8, 9: 69.2, 10: 73.0,
         11: 79.6, 12: 88.5},
    # 宜阳新区 实际利用外资: the first tranche of a foreign-funded project (a Hong Kong investor's
    # 康养 complex) came in H1, ahead of 序时; the second tranche was postponed and nothing arrived
    # in July and August: Jul yellow (−6.8), Aug orange (−15.2), Sep–Dec red (−22 … −36).
    ("3609A2", "fdi"):
        {1: 9.0, 2: 17.5, 3: 26.0, 4: 34.5, 5: 43.0, 6: 51.5, 7: 51.5, 8: 51.5, 9: 53.0, 10: 55.0,
         11: 58.0, 12: 64.0},
}

# The city's own figure where the bureau's differs from the sum of its counties (市本级 investment:
# the city's own 棚改 and road programme slowed in the autumn, on top of 丰城 and 奉新): the city's
# fai is just below target (blue) in October and November → reminder to 市发改委.
CITY_OVERRIDES = {
    "fai": {2: -14.9, 3: -6.5, 4: -1.3, 5: 3.4, 6: 7.4, 7: 9.2, 8: 9.2, 9: 9.1, 10: 8.7, 11: 8.8, 12: 9.0},
}

# The province (江西省): quarter-end figures exactly as the province published them, plausible months between. GDP for
# 前三季度 is not published ("—"), so the province row is absent there (a missing province figure makes
# the below_province clause false).
PROVINCE_2020 = {
    #               Jan    Feb    Mar    Apr    May   Jun   Jul   Aug   Sep   Oct   Nov   Dec
    "industry_va": [None, -12.9, -6.1, -2.6, -0.4, 1.0, 1.6, 2.2, 2.7, 3.3, 4.0, 4.6],
    "fai":         [None, -11.7, -4.3, 0.9, 3.7, 5.8, 6.4, 6.9, 7.3, 7.7, 8.0, 8.2],
    "retail":      [None, -20.5, -15.8, -11.6, -8.9, -6.6, -5.2, -3.9, -2.4, -0.9, 1.0, 3.0],
}
PROVINCE_2020_GDP = {3: -3.8, 6: 0.9, 12: 3.8}  # and the 2020 level 25,691.5亿 at 12
PROVINCE_2020_GDP_LEVEL = "25691.50"

# ------------------------------------------------------------------------------------------------
# Zones: growth targets (invented, the sample's own) and their amount targets
# ------------------------------------------------------------------------------------------------

ZONE_TARGETS = {  # indicator → target growth %; zones have no household survey of their own
    "3609A1": {"gdp": 9, "industry_va": 10, "fai": 12, "retail": 9, "fiscal_total": 8, "fiscal_general": 6, "fdi": 10},
    "3609A2": {"gdp": 8.5, "industry_va": 9, "fai": 15, "retail": 12, "fiscal_total": 6, "fiscal_general": 5, "fdi": 8},
    "3609A3": {"gdp": 8, "industry_va": 7, "fai": 10, "retail": 12, "fiscal_total": 6, "fiscal_general": 5, "fdi": 5},
}
ZONE_MARGIN = {"3609A1": 0.6, "3609A2": 0.4, "3609A3": 0.5}
ZONE_VIGOUR = {"3609A1": 1.0, "3609A2": 0.0, "3609A3": -2.0}  # 明月山 lives on tourism: hit hardest

# Amount targets (target_value) for the city and the counties: 2019's level × (1 + the published
# growth target + this adjustment in points) — budgets are set on the growth target, some a little
# above or below it. Zones use their own growth target. 袁州's budget counted on a repeat of 2019's
# land-related taxes (+4 points): with the revenue it actually has, it falls behind 序时.
AMOUNT_TARGET_ADJUST = {
    ("360902", "fiscal_general"): 4.0,
    ("360921", "fiscal_general"): 0.5, ("360922", "fiscal_general"): -0.5, ("360925", "fdi"): -0.5,
    ("360982", "fdi"): 0.5, ("360983", "fiscal_general"): 0.3, ("360900", "fiscal_general"): -0.5,
}

# ------------------------------------------------------------------------------------------------
# PROJECTS: ~40 重大项目 (invented; names in the manner of the city's 2020 list)
# ------------------------------------------------------------------------------------------------
# Leaders (挂点领导) follow the configuration's `leaders`: the deputy in charge of the department;
# the two flagship projects have the mayor.
LEADER_OF = {
    "gxj": "分管工业的副市长", "gdgs": "分管工业的副市长", "fgw": "常务副市长", "czj": "常务副市长", "tjj": "常务副市长",
    "swj": "分管商务的副市长", "zjj": "分管城建的副市长", "jtj": "分管城建的副市长", "zrzyj": "分管城建的副市长",
    "sthjj": "分管城建的副市长", "slj": "分管城建的副市长", "nyncj": "分管农业农村的副市长", "wglj": "分管农业农村的副市长",
    "wjw": "分管农业农村的副市长",
}
STANDARD_MILESTONES = ["立项", "用地预审", "规划许可", "环评", "施工许可"]

# name, region, department, total 亿元, 2020 plan 亿元, planned start, actual start (None: not yet),
# planned completion, registered 入统 (None: not yet); `story` says what happens, `events` makes it
# happen (month → changes); `milestones` overrides the standard ones (None: the project has none).
PROJECTS = [
    # --- 锂电新能源 ---
    dict(name="宜春锂电新能源产业园一期", region="360902", dept="gxj", leader="市长", total=52, plan=12,
         start="2019-06-18", actual="2019-06-26", done="2022-06-30", registered="2019-08-12"),
    dict(name="宜丰锂云母综合利用项目", region="360924", dept="gxj", total=28, plan=8,
         start="2019-10-20", actual="2019-10-25", done="2021-12-31", registered="2019-11-15"),
    dict(name="奉新锂电池隔膜项目", region="360921", dept="gxj", total=18, plan=6,
         start="2019-09-10", actual="2019-09-12", done="2021-06-30", registered="2019-10-10",
         story="Behind plan in Q4 (yellow, 14–22 points) — part of 奉新's fai story: reminder in "
               "October, talk_deputy in November (yellow twice), still behind in December.",
         completion={8: 61.0, 9: 66.0, 10: 66.5, 11: 70.0, 12: 78.0}),
    dict(name="万载锂电正极材料项目", region="360922", dept="gxj", total=22, plan=7,
         start="2020-03-20", actual="2020-03-26", done="2021-12-31", registered="2020-04-08"),
    dict(name="丰城高端装备制造产业园二期", region="360981", dept="fgw", leader="市长", total=56, plan=6,
         start="2020-06-22", actual="2020-11-18", done="2023-06-30", registered=None,
         story="Planned start 2020-06-22 passes without a start (征地 not settled): start overdue "
               "yellow in Jul and Aug (reminder, then talk_deputy), red from Sep (talk_mayor in Oct). "
               "It finally starts on 2020-11-18, far behind its annual plan (investment red) and not "
               "yet registered in December (unregistered yellow).",
         completion={11: 12.0, 12: 25.0}),
    dict(name="高安锂电储能电池项目", region="360983", dept="gxj", total=35, plan=9,
         start="2019-12-18", actual="2019-12-20", done="2022-03-31", registered="2020-01-10"),
    # --- 中医药 (樟树 药都) ---
    dict(name="樟树中医药产业园标准厂房", region="360982", dept="gxj", total=12, plan=4,
         start="2019-05-10", actual="2019-05-16", done="2021-05-31", registered="2019-06-20"),
    dict(name="樟树药都中药饮片智能化生产基地", region="360982", dept="gxj", total=15, plan=5,
         start="2020-04-15", actual="2020-04-18", done="2022-04-30", registered="2020-04-29"),
    dict(name="樟树中药材仓储物流中心", region="360982", dept="swj", total=6, plan=3,
         start="2019-03-01", actual="2019-03-08", done="2020-09-30", registered="2019-04-10",
         story="Completed (竣工) in September 2020: skipped by the investment rule from then on.",
         finished=9),
    dict(name="宜春中医药科创城", region="360902", dept="fgw", total=20, plan=5,
         start="2019-11-15", actual="2019-11-20", done="2022-12-31", registered="2019-12-18"),
    # --- 装备制造 ---
    dict(name="高安汽车零部件产业园", region="360983", dept="gxj", total=16, plan=5,
         start="2019-08-12", actual="2019-08-16", done="2021-10-31", registered="2019-09-12",
         story="Imported press lines delayed by the epidemic: 14.3 points behind 序时 in July "
               "(yellow) → reminder; the lines arrive in August and it catches up: clean in August "
               "and September → lifted.",
         completion={6: 44.0, 7: 44.0, 8: 60.5, 9: 72.0}),
    dict(name="上高鞋业智能制造产业园", region="360923", dept="gxj", total=9, plan=3,
         start="2019-04-10", actual="2019-04-18", done="2021-04-30", registered="2019-05-20"),
    dict(name="丰城循环经济产业园再生铝项目", region="360981", dept="gxj", total=24, plan=7,
         start="2019-07-01", actual="2019-07-05", done="2021-09-30", registered="2019-08-06"),
    dict(name="宜春经开区智能装备产业园", region="360902", dept="gxj", total=30, plan=8,
         start="2020-02-20", actual="2020-03-12", done="2022-06-30", registered="2020-03-24"),
    # --- 电子信息 ---
    dict(name="万载电子电路板项目", region="360922", dept="gxj", total=8, plan=2.5,
         start="2020-07-15", actual="2020-07-20", done="2021-12-31", registered="2020-10-16",
         story="Starts on 2020-07-20 but is registered in the statistics (入统) only on 2020-10-16: "
               "unregistered yellow in August (reminder), red in September (talk_deputy); "
               "registered in October, clean in October and November → lifted.",
         completion={7: 50.0, 8: 62.0, 9: 70.0}),
    dict(name="宜春经开区电子信息产业园", region="360902", dept="gxj", total=25, plan=7,
         start="2019-09-20", actual="2019-09-26", done="2021-12-31", registered="2019-10-28"),
    dict(name="奉新纺织智能化改造项目", region="360921", dept="gxj", total=5, plan=2,
         start="2020-05-10", actual="2020-05-12", done="2021-05-31", registered="2020-05-22"),
    # --- 富硒 / 农业 ---
    dict(name="袁州富硒农业示范园", region="360902", dept="nyncj", total=4, plan=1.5,
         start="2019-03-15", actual="2019-03-20", done="2021-03-31", registered="2019-04-18"),
    dict(name="宜丰富硒大米加工园", region="360924", dept="nyncj", total=3, plan=0.5,
         start="2021-02-28", actual=None, done="2022-06-30", registered=None,
         story="Still in 前期 all year; its 施工许可, due 2020-10-25, is issued only on 2020-11-20: "
               "milestone overdue yellow (15 days) in October → reminder; clean in November and "
               "December → lifted.",
         milestones=[("立项", "2020-03-31", "2020-03-18"), ("用地预审", "2020-06-30", "2020-06-12"),
                     ("环评", "2020-08-31", "2020-08-20"), ("施工许可", "2020-10-25", "2020-11-20")]),
    dict(name="万载有机农业产业园", region="360922", dept="nyncj", total=6, plan=2,
         start="2019-02-20", actual="2019-02-26", done="2021-02-28", registered="2019-03-20"),
    # --- 交通 ---
    dict(name="宜春明月山机场改扩建", region="360902", dept="jtj", total=14, plan=4,
         start="2018-10-10", actual="2018-10-16", done="2021-06-30", registered="2018-11-20",
         story="A 续建 project whose approvals all lie before the list was kept: it has no "
               "milestone rows at all (nothing to be overdue).",
         milestones=None),
    dict(name="国道G320宜春绕城段改建", region="360902", dept="jtj", total=18, plan=5,
         start="2019-04-01", actual="2019-04-08", done="2021-12-31", registered="2019-05-10"),
    dict(name="丰城赣江港区码头", region="360981", dept="jtj", total=10, plan=3,
         start="2019-05-20", actual="2019-05-26", done="2021-05-31", registered="2019-06-25",
         story="The July 2020 floods submerge the site: 停工 in July (stalled, red) → talk_deputy; "
               "work resumes in August and the site keeps pace: clean in August and September → lifted.",
         status={7: "停工"}, completion={6: 48.0, 7: 52.0, 8: 59.0, 9: 69.0}),
    dict(name="宜丰至铜鼓公路改建", region="360926", dept="jtj", total=7, plan=2,
         start="2019-09-01", actual="2019-09-05", done="2021-08-31", registered="2019-10-08"),
    dict(name="靖安至奉新快速通道", region="360925", dept="jtj", total=6, plan=2,
         start="2020-03-15", actual="2020-03-20", done="2021-12-31", registered="2020-03-30"),
    # --- 城建 / 水利 / 生态 ---
    dict(name="宜阳新区综合管廊", region="360902", dept="zjj", total=11, plan=4,
         start="2019-08-01", actual="2019-08-06", done="2021-12-31", registered="2019-09-06",
         story="Its 专项债 funds arrive late and the site crawls: 13–28 points behind 序时 from July "
               "(yellow: reminder in July, talk_deputy in August), more than 30 behind from October "
               "(red; talk_mayor in November, red twice).",
         completion={6: 44.0, 7: 45.0, 8: 46.0, 9: 47.0, 10: 50.0, 11: 55.0, 12: 62.0}),
    dict(name="宜春中心城区老旧小区改造", region="360902", dept="zjj", total=5, plan=2.5,
         start="2020-04-10", actual="2020-04-12", done="2020-12-31", registered="2020-04-24"),
    dict(name="上高县城南片区棚户区改造", region="360923", dept="zjj", total=8, plan=3,
         start="2019-06-01", actual="2019-06-10", done="2021-06-30", registered="2019-07-08",
         story="A dispute with the general contractor over payments stops the site from September "
               "(停工, red): talk_deputy in September, talk_mayor in October; still stopped in December.",
         status={9: "停工", 10: "停工", 11: "停工", 12: "停工"},
         completion={8: 61.0, 9: 62.0, 10: 62.0, 11: 62.0, 12: 62.0}),
    dict(name="秀江综合治理二期", region="360902", dept="slj", total=9, plan=3,
         start="2019-10-10", actual="2019-10-15", done="2021-10-31", registered="2019-11-12"),
    dict(name="锦江高安段防洪治理", region="360983", dept="slj", total=4, plan=1.5,
         start="2019-11-01", actual="2019-11-06", done="2021-03-31", registered="2019-12-05"),
    dict(name="铜鼓定江河流域综合治理", region="360926", dept="slj", total=3, plan=1,
         start="2020-03-10", actual="2020-03-14", done="2021-06-30", registered="2020-03-25"),
    dict(name="靖安北潦河生态保护修复", region="360925", dept="sthjj", total=4, plan=0.6,
         start="2021-03-01", actual=None, done="2022-12-31", registered=None,
         story="In 前期; its 环评, due 2020-08-18, is approved only on 2020-10-20: milestone overdue "
               "yellow in August (21 days, reminder), red in September (52 days, talk_deputy); "
               "done in October, clean in October and November → lifted.",
         milestones=[("立项", "2020-04-30", "2020-04-22"), ("用地预审", "2020-06-30", "2020-06-28"),
                     ("环评", "2020-08-18", "2020-10-20"), ("施工许可", "2021-01-31", None)]),
    dict(name="宜春市中心医院新院区", region="360902", dept="wjw", total=16, plan=4,
         start="2020-02-20", actual="2020-04-08", done="2023-06-30", registered="2020-04-28",
         story="The epidemic delays its start from 2020-02-20 to 2020-04-08: start overdue yellow "
               "in March (reminder); started and registered in April, clean in April and May → lifted."),
    dict(name="宜春现代物流园冷链中心", region="360902", dept="swj", total=5, plan=2,
         start="2020-03-25", actual=None, done="2021-12-31", registered=None,
         story="Land acquisition (征地) is not settled all year: start overdue yellow in April and "
               "May (reminder, talk_deputy), red from June (talk_mayor in July)."),
    # --- 文旅 / 能源 / 其他 ---
    dict(name="明月山温泉小镇", region="360902", dept="wglj", total=20, plan=5,
         start="2019-05-01", actual="2019-05-08", done="2022-05-31", registered="2019-06-12"),
    dict(name="靖安中华传统文化园二期", region="360925", dept="wglj", total=8, plan=2,
         start="2019-09-15", actual="2019-09-20", done="2021-09-30", registered="2019-10-18"),
    dict(name="铜鼓天柱峰景区提升", region="360926", dept="wglj", total=2.5, plan=0.8,
         start="2020-04-20", actual="2020-04-22", done="2021-04-30", registered="2020-05-06"),
    dict(name="丰城生物质热电联产项目", region="360981", dept="gdgs", total=6, plan=2,
         start="2019-12-01", actual="2019-12-05", done="2021-06-30", registered="2020-01-08"),
    dict(name="宜春500千伏输变电工程", region="360983", dept="gdgs", total=9, plan=3.5,
         start="2020-05-15", actual="2020-05-18", done="2021-10-31", registered="2020-05-28"),
    dict(name="上高工业园区污水处理厂扩建", region="360923", dept="sthjj", total=2.2, plan=1,
         start="2020-06-10", actual="2020-06-15", done="2021-03-31", registered="2020-06-24"),
]

# ------------------------------------------------------------------------------------------------
# ARRIVALS: the day each month's file reaches the office (working days; stats due on the 15th,
# projects on the 10th of the next month, moved to the next working day by the State Council's holiday notices)
# ------------------------------------------------------------------------------------------------

ARRIVALS = {  # month: (stats, projects)
    1: ("2020-02-13", "2020-02-07"),   # after the Spring Festival holiday, extended to 2 Feb
    2: ("2020-03-12", "2020-03-09"),
    3: ("2020-04-14", "2020-04-09"),
    4: ("2020-05-13", "2020-05-08"),   # projects due 10 May (Sunday) → 11 May
    5: ("2020-06-12", "2020-06-08"),
    6: ("2020-07-14", "2020-07-08"),
    7: ("2020-08-20", "2020-08-07"),   # LATE: stats due 15 Aug (Saturday) → Monday 17 Aug; arrives the 20th
    8: ("2020-09-11", "2020-09-08"),
    9: ("2020-10-13", "2020-10-09"),   # 国庆 1–8 Oct; projects due 10 Oct, a make-up working day (Saturday)
    10: ("2020-11-12", "2020-11-09"),
    11: ("2020-12-14", "2020-12-15"),  # LATE: projects due Thursday 10 Dec; arrive the 15th
    12: ("2021-01-13", "2021-01-08"),  # projects due 10 Jan 2021 (Sunday) → Monday 11 Jan
}

# ================================================================================================
# machinery
# ================================================================================================

Q = [3, 6, 9, 12]
ONE = Decimal("1")
HUNDRED = Decimal("100")


def dec(x) -> Decimal:
    return x if isinstance(x, Decimal) else Decimal(str(x))


def rnd(x: Decimal, places: int) -> Decimal:
    """Half-up rounding, as tables publish; never a negative zero."""
    q = Decimal(1).scaleb(-places)
    r = dec(x).quantize(q, rounding=ROUND_HALF_UP)
    return r + 0 if r != 0 else abs(r)


def growth_of(now: Decimal, before: Decimal) -> Decimal:
    return rnd((now / before - ONE) * HUNDRED, 1)


def periods_of(indicator: str) -> list[int]:
    unit, freq, january_alone, _ = INDICATORS[indicator]
    if freq == "quarterly":
        return Q
    return list(range(1, 13)) if january_alone else list(range(2, 13))


def flows_to_periods(indicator: str, flows: list[Decimal]) -> dict[int, Decimal]:
    """Cumulative level at every published month of the indicator from a year's flows."""
    out, total = {}, Decimal(0)
    if INDICATORS[indicator][1] == "quarterly":
        for quarter, flow in enumerate(flows):
            total += flow
            out[Q[quarter]] = total
        return out
    for month, flow in enumerate(flows, start=1):
        total += flow
        out[month] = total
    return {m: v for m, v in out.items() if m in periods_of(indicator)}


class Series:
    """One region × indicator: cumulative levels per year and month (published or hidden) and the
    published growth."""

    def __init__(self, region: str, indicator: str):
        self.region, self.indicator = region, indicator
        self.level: dict[tuple[int, int], Decimal] = {}
        self.growth: dict[tuple[int, int], Decimal] = {}
        self.flows: dict[int, list[Decimal]] = {}

    @property
    def decimals(self):
        return INDICATORS[self.indicator][3]

    def publish_level(self, x: Decimal) -> Decimal:
        return x if self.decimals is None else rnd(x, self.decimals)


def history_series(rng: random.Random, region: str, indicator: str, level_2019: Decimal,
                   annual_growth: dict[int, float]) -> Series:
    s = Series(region, indicator)
    annual = {2019: level_2019}
    for year in (2019, 2018, 2017):
        annual[year - 1] = annual[year] / (ONE + dec(annual_growth[year]) / HUNDRED)
    base = SEASONAL[indicator]
    for year in range(2016, 2020):
        shares = [dec(b) * (ONE + dec(round(rng.gauss(0, SEASONAL_NOISE), 5))) for b in base]
        total = sum(shares)
        flows = [annual[year] * sh / total for sh in shares]
        boost = HISTORY_BOOST.get((region, indicator, year))
        if boost:  # a one-off on top of the usual pattern
            flows = [f * dec(boost.get(i + 1, 1)) for i, f in enumerate(flows)]
        s.flows[year] = flows
        for month, value in flows_to_periods(indicator, flows).items():
            s.level[(year, month)] = s.publish_level(value)
    for year in range(2017, 2020):
        for month in periods_of(indicator):
            s.growth[(year, month)] = growth_of(s.level[(year, month)], s.level[(year - 1, month)])
    return s


def solve_level(s: Series, month: int, growth: Decimal) -> Decimal:
    """The 2020 level whose published growth over 2019 is `growth`: 2019 × (1 + g), nudged by a
    unit of the last decimal when rounding would publish a different growth."""
    base = s.level[(2019, month)]
    if s.decimals is None:
        return base * (ONE + growth / HUNDRED)
    unit = Decimal(1).scaleb(-s.decimals)
    first = rnd(base * (ONE + growth / HUNDRED), s.decimals)
    for k in range(0, 60):
        for candidate in (first + k * unit, first - k * unit):
            if growth_of(candidate, base) == growth:
                return candidate
    return first  # a tiny level cannot hit every tenth of a percent: keep the nearest


def set_2020_growth(s: Series, path: dict[int, Decimal]):
    for month in periods_of(s.indicator):
        g = dec(path[month])
        s.level[(2020, month)] = solve_level(s, month, g)
        s.growth[(2020, month)] = growth_of(s.level[(2020, month)], s.level[(2019, month)]) \
            if s.decimals is not None else rnd(g, 1)


def set_2020_progress(s: Series, target_value: Decimal, progress: dict[int, float]):
    for month in periods_of(s.indicator):
        want = dec(progress[month])
        value = rnd(target_value * want / HUNDRED, s.decimals)
        unit = Decimal(1).scaleb(-s.decimals)
        for k in range(0, 60):  # publish exactly the intended progress where the unit allows
            hit = [v for v in (value + k * unit, value - k * unit) if rnd(v / target_value * HUNDRED, 1) == want]
            if hit:
                value = hit[0]
                break
        s.level[(2020, month)] = value
        s.growth[(2020, month)] = growth_of(value, s.level[(2019, month)])


def check_flows(s: Series, year: int = 2020):
    """The story must be a real series: no negative monthly flow (a flat month is allowed)."""
    previous = Decimal(0)
    for month in periods_of(s.indicator):
        value = s.level[(year, month)]
        if value < previous:
            raise SystemExit(f"{s.region} {s.indicator} {year}-{month:02d}: cumulative level falls "
                             f"({previous} → {value}); the story is not a real series")
        previous = value


# ------------------------------------------------------------------------------------------------


def published_targets() -> dict[tuple[str, str], Decimal]:
    with PUBLISHED_TARGETS.open(encoding="utf-8") as f:
        return {(r["region"], r["indicator"]): dec(r["target_growth"]) for r in csv.DictReader(f)
                if r["year"] == "2020" and r["target_growth"]}


def county_path(rng: random.Random, county: str, indicator: str, targets) -> dict[int, Decimal]:
    """The typical 2020 path of a county, shifted by its H1 vigour and H2 margin."""
    quarterly = INDICATORS[indicator][1] == "quarterly"
    template = TYPICAL_2020_Q[indicator] if quarterly else TYPICAL_2020[indicator]
    jitter = dec(rng.choice([0, 0.1, 0.1, 0.2, 0.2, 0.3]))
    target = targets.get((county, indicator))
    path = {}
    for month in periods_of(indicator):
        base = dec(template[Q.index(month)] if quarterly else template[month - 1])
        if month <= 6:
            value = base + dec(COUNTY_VIGOUR[county]) * dec(H1_SCALE[month - 1])
            value += jitter if month == 6 else 0
            if not quarterly and target is not None and month >= ON_TARGET_FROM.get(county, 13):
                value = max(value, target + dec(COUNTY_MARGIN[county]))
        else:
            value = base + dec(COUNTY_MARGIN[county]) + jitter
        path[month] = rnd(value, 1)
    for month, value in STORIES.get((county, indicator), {}).items():
        path[month] = dec(value)
    return path


def zone_path(rng: random.Random, zone: str, indicator: str) -> dict[int, Decimal]:
    quarterly = INDICATORS[indicator][1] == "quarterly"
    template = TYPICAL_2020_Q[indicator] if quarterly else TYPICAL_2020[indicator]
    city_target = {"gdp": 8, "industry_va": 8.2, "fai": 9, "retail": 10, "fiscal_total": 5,
                   "fiscal_general": 3.5, "fdi": 6}.get(indicator)
    zone_target = ZONE_TARGETS[zone].get(indicator)
    shift = dec(zone_target - city_target) if zone_target is not None else Decimal(0)
    jitter = dec(rng.choice([0, 0.1, 0.2, 0.3]))
    path = {}
    for month in periods_of(indicator):
        base = dec(template[Q.index(month)] if quarterly else template[month - 1])
        if month <= 6:  # the zones' targets are higher: so is their January, before the epidemic
            value = base + shift + dec(ZONE_VIGOUR[zone]) * dec(H1_SCALE[month - 1])
        else:
            value = base + shift + dec(ZONE_MARGIN[zone]) + jitter
        path[month] = rnd(value, 1)
    return path


def build():
    rng = random.Random(SEED)
    targets = published_targets()
    series: dict[tuple[str, str], Series] = {}

    # ---- counties: history, then 2020 -------------------------------------------------------
    county_codes = list(COUNTIES)
    for indicator in INDICATORS:
        if indicator in COUNTY_INCOME_2019:
            levels = [dec(v) for v in COUNTY_INCOME_2019[indicator]]
        else:
            weights = [dec(w) for w in COUNTY_WEIGHTS[indicator]]
            total = dec(CITY_2019[indicator])
            levels = [total * w / sum(weights) for w in weights]
        for county, level in zip(county_codes, levels):
            growths = {y: USUAL_GROWTH[indicator] + YEAR_EFFECT[y] + round(rng.gauss(0, 0.5), 2)
                       for y in (2017, 2018, 2019)}
            series[(county, indicator)] = history_series(rng, county, indicator, level, growths)

    # the city's 2019 GDP is published as 2678.29: put the rounding difference on 袁州's Q4
    gdp_sum = sum(series[(c, "gdp")].level[(2019, 12)] for c in county_codes)
    yz = series[("360902", "gdp")]
    yz.level[(2019, 12)] += dec(CITY_2019["gdp"]) - gdp_sum
    for y in (2019, 2020):
        if (y, 12) in yz.level and (y - 1, 12) in yz.level:
            yz.growth[(y, 12)] = growth_of(yz.level[(y, 12)], yz.level[(y - 1, 12)])

    amount_targets: dict[tuple[str, str], Decimal] = {}
    for indicator in INDICATORS:
        for county in county_codes:
            s = series[(county, indicator)]
            if (county, indicator) in PROGRESS_STORIES:
                continue  # after the targets, below
            set_2020_growth(s, county_path(rng, county, indicator, targets))
    for county in county_codes:
        for indicator in sorted(AMOUNT_FORM):
            s = series[(county, indicator)]
            tg = targets[(county, indicator)] + dec(AMOUNT_TARGET_ADJUST.get((county, indicator), 0))
            amount_targets[(county, indicator)] = s.publish_level(s.level[(2019, 12)] * (ONE + tg / HUNDRED))
            if (county, indicator) in PROGRESS_STORIES:
                set_2020_progress(s, amount_targets[(county, indicator)], PROGRESS_STORIES[(county, indicator)])

    # ---- the city: sums of the counties (or a population-weighted mean for incomes) ----------
    for indicator in INDICATORS:
        s = Series(CITY, indicator)
        members = [series[(c, indicator)] for c in county_codes]
        for key in members[0].level:
            if indicator in POPULATION:
                w = [dec(p) for p in POPULATION[indicator]]
                s.level[key] = rnd(sum(m.level[key] * wi for m, wi in zip(members, w)) / sum(w), 0)
            else:
                s.level[key] = sum(m.level[key] for m in members)
        for (year, month) in s.level:
            if year >= 2017:
                s.growth[(year, month)] = growth_of(s.level[(year, month)], s.level[(year - 1, month)])
        if indicator in CITY_OVERRIDES:  # the bureau's own city figure (growth-only indicators)
            for month, g in CITY_OVERRIDES[indicator].items():
                s.growth[(2020, month)] = dec(g)
        series[(CITY, indicator)] = s
    for indicator in sorted(AMOUNT_FORM):
        s = series[(CITY, indicator)]
        tg = targets[(CITY, indicator)] + dec(AMOUNT_TARGET_ADJUST.get((CITY, indicator), 0))
        amount_targets[(CITY, indicator)] = s.publish_level(s.level[(2019, 12)] * (ONE + tg / HUNDRED))

    # ---- zones -----------------------------------------------------------------------------
    for zone in ZONES:
        for indicator in INDICATORS:
            growths = {y: USUAL_GROWTH[indicator] + 1.5 + YEAR_EFFECT[y] + round(rng.gauss(0, 0.6), 2)
                       for y in (2017, 2018, 2019)}
            s = history_series(rng, zone, indicator, dec(ZONE_2019[zone][indicator]), growths)
            series[(zone, indicator)] = s
            if indicator in AMOUNT_FORM:
                tg = dec(ZONE_TARGETS[zone][indicator])
                amount_targets[(zone, indicator)] = s.publish_level(s.level[(2019, 12)] * (ONE + tg / HUNDRED))
            if (zone, indicator) in PROGRESS_STORIES:
                set_2020_progress(s, amount_targets[(zone, indicator)], PROGRESS_STORIES[(zone, indicator)])
            else:
                set_2020_growth(s, zone_path(rng, zone, indicator))

    # ---- the province ------------------------------------------------------------------------
    for indicator in PROVINCE_INDICATORS:
        s = history_series(rng, PROVINCE, indicator, dec(PROVINCE_2019[indicator]), PROVINCE_GROWTH[indicator])
        if indicator == "gdp":
            for month, g in PROVINCE_2020_GDP.items():
                s.level[(2020, month)] = solve_level(s, month, dec(g))
                s.growth[(2020, month)] = dec(g)
            s.level[(2020, 12)] = dec(PROVINCE_2020_GDP_LEVEL)
            assert growth_of(s.level[(2020, 12)], s.level[(2019, 12)]) == dec("3.8")
        else:
            path = {m: dec(g) for m, g in enumerate(PROVINCE_2020[indicator], start=1) if g is not None}
            set_2020_growth(s, path)
        series[(PROVINCE, indicator)] = s

    for s in series.values():
        if s.decimals is not None and s.region != PROVINCE:
            check_flows(s)
    return series, amount_targets, targets


# ------------------------------------------------------------------------------------------------
# writing
# ------------------------------------------------------------------------------------------------


def fmt(x: Decimal | None, places: int) -> str:
    return "" if x is None else f"{rnd(x, places):.{places}f}"


def observation_rows(series, year: int, month: int) -> list[list[str]]:
    rows = []
    for region in REGION_ORDER:
        for indicator in INDICATORS:
            s = series.get((region, indicator))
            if s is None or month not in periods_of(indicator) or (year, month) not in s.growth:
                continue
            if region == PROVINCE and year == 2020 and indicator == "gdp" and month not in PROVINCE_2020_GDP:
                continue
            value = "" if s.decimals is None else fmt(s.level[(year, month)], s.decimals)
            rows.append([f"{year}-{month:02d}", region, indicator, value, fmt(s.growth[(year, month)], 1)])
    return rows


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> int:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    return len(rows)


def day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def month_end(month: int) -> dt.date:
    return (dt.date(2020, month + 1, 1) if month < 12 else dt.date(2021, 1, 1)) - dt.timedelta(days=1)


def time_progress(month: int) -> Decimal:
    return rnd(dec(month) * HUNDRED / 12, 1)


last_completed: dict[str, Decimal] = {}


def project_rows(month: int, rng_by_code):
    """Each project's row and milestones as its report for `month` states them (dates up to the
    end of the month are known; later ones are not yet)."""
    end = month_end(month)
    rows, milestone_rows = [], []
    for index, p in enumerate(PROJECTS, start=1):
        code = f"P2020-{index:03d}"
        actual = day(p["actual"])
        started = actual is not None and actual <= end
        registered = day(p["registered"])
        plan = dec(p["plan"])
        finished = p.get("finished")
        status = "在建" if started else "前期"
        if finished and month >= finished:
            status = "竣工"
        status = p.get("status", {}).get(month, status)
        # completion (% of the annual plan): on 序时 give or take the project's own pace, until
        # the story says otherwise; nothing before the start (a new start pays its land and
        # equipment up front, so it is near 序时 from its first month)
        pace = rng_by_code[code]
        if not started:
            completion = Decimal(0)
        elif month in p.get("completion", {}):
            completion = dec(p["completion"][month])
        elif finished and month >= finished:
            completion = HUNDRED
        else:
            completion = max(Decimal(0), time_progress(month) - pace[month - 1])
        completed = rnd(plan * completion / HUNDRED, 2)
        if completed < last_completed.get(code, Decimal(0)):
            raise SystemExit(f"{code} 2020-{month:02d}: completed_ytd falls; a cumulative amount cannot")
        last_completed[code] = completed
        rows.append([
            f"2020-{month:02d}", code, p["name"], p["region"], p["dept"], p.get("leader", LEADER_OF[p["dept"]]),
            f"{dec(p['total']):.2f}", f"{plan:.2f}", f"{completed:.2f}", status, p["start"],
            p["actual"] if started else "", p["done"],
            p["registered"] if started and registered and registered <= end else "",
        ])
        milestones = p.get("milestones", "standard")
        if milestones == "standard":
            # the usual approvals, all obtained before the planned start
            start = day(p["start"])
            milestones = []
            for k, stage in enumerate(STANDARD_MILESTONES):
                due = start - dt.timedelta(days=30 * (len(STANDARD_MILESTONES) - k))
                milestones.append((stage, due.isoformat(), (due - dt.timedelta(days=6)).isoformat()))
        for stage, due, done in milestones or []:
            known = done if done and day(done) <= end else ""
            milestone_rows.append([code, stage, due, known])
    return rows, milestone_rows


def project_paces():
    """Each project's own pace behind 序时 (points), month by month: a steady habit plus a little
    noise; the epidemic costs a few points in February–April. Healthy projects stay under 10."""
    rng = random.Random(SEED + 1)
    paces = {}
    for index, _ in enumerate(PROJECTS, start=1):
        habit = rng.uniform(-3.0, 4.0)
        epidemic = [0, 4.0, 3.0, 2.0, 0, 0, 0, 0, 0, 0, 0, 0]
        paces[f"P2020-{index:03d}"] = [
            rnd(dec(min(8.5, habit + epidemic[m] + rng.uniform(-1.5, 1.5))), 1) for m in range(12)]
    return paces


def main():
    series, amount_targets, targets = build()
    OUT.mkdir(parents=True, exist_ok=True)
    counts = {}

    # targets-sample.csv: amount targets for the city and counties (with the published growth
    # target, because an import replaces the whole target), and the zones' own targets
    rows = []
    for region in [CITY, *COUNTIES]:
        for indicator in sorted(AMOUNT_FORM, key=list(INDICATORS).index):
            places = INDICATORS[indicator][3]
            rows.append(["2020", region, indicator, fmt(targets[(region, indicator)], 1),
                         fmt(amount_targets[(region, indicator)], places)])
    for zone in ZONES:
        for indicator in INDICATORS:
            if indicator not in ZONE_TARGETS[zone]:
                continue
            value = fmt(amount_targets[(zone, indicator)], INDICATORS[indicator][3]) if indicator in AMOUNT_FORM else ""
            rows.append(["2020", zone, indicator, fmt(dec(ZONE_TARGETS[zone][indicator]), 1), value])
    counts["targets-sample.csv"] = write_csv(OUT / "targets-sample.csv",
                                             ["year", "region", "indicator", "target_growth", "target_value"], rows)

    header = ["period", "region", "indicator", "value", "growth"]
    history = [r for y in (2017, 2018, 2019) for m in range(1, 13) for r in observation_rows(series, y, m)]
    counts["indicators-history.csv"] = write_csv(OUT / "indicators-history.csv", header, history)
    for m in range(1, 13):
        name = f"indicators-2020-{m:02d}.csv"
        counts[name] = write_csv(OUT / name, header, observation_rows(series, 2020, m))

    paces = project_paces()
    project_header = ["period", "project", "name", "region", "department", "leader", "total_investment",
                      "annual_plan", "completed_ytd", "status", "planned_start", "actual_start",
                      "planned_completion", "registered"]
    for m in range(1, 13):
        rows, milestones = project_rows(m, paces)
        counts[f"projects-2020-{m:02d}.csv"] = write_csv(OUT / f"projects-2020-{m:02d}.csv", project_header, rows)
        counts[f"milestones-2020-{m:02d}.csv"] = write_csv(
            OUT / f"milestones-2020-{m:02d}.csv", ["project", "stage", "due", "done"], milestones)

    arrivals = []
    for m, (stats, projects) in ARRIVALS.items():
        arrivals.append([f"2020-{m:02d}", "stats", stats])
        arrivals.append([f"2020-{m:02d}", "projects", projects])
    counts["arrivals.csv"] = write_csv(OUT / "arrivals.csv", ["period", "feed", "arrives"], arrivals)

    (OUT / "README.md").write_text(readme(), encoding="utf-8")
    width = max(len(k) for k in counts)
    for name, n in counts.items():
        print(f"{name:<{width}}  {n:5d} rows")
    print(f"README.md written to {OUT.relative_to(ROOT)}")


def readme() -> str:
    stories = []
    for index, p in enumerate(PROJECTS, start=1):
        if p.get("story"):
            stories.append(f"| P2020-{index:03d} {p['name']} | {p['dept']} | {p['story']} |")
    return README_TEMPLATE.replace("{PROJECT_STORIES}", "\n".join(stories))


README_TEMPLATE = """# The 宜春 sample — INVENTED DATA

**Everything in this folder is invented sample data for `yujing demo` and the tests. It is not
official statistics** of 宜春市, its counties or 江西省, and no figure here should be quoted as one.
Only the published 2020 growth targets (in `../default/targets-2020.csv`, as the city published them) and the
province's quarter figures of 2020 (as the province published them) are real; the levels, the monthly paths, the amount
targets, the zones' targets and the projects are made up to look plausible and to exercise every
warning rule and every stage of the escalation ladder.

Regenerate with `python3 Scripts/sample/generate.py` (deterministic, Python 3.11 standard
library); check with `python3 Scripts/sample/check_coverage.py`, an independent evaluation of
the default rules and the ladder (docs/rules.md) that fails unless every rule, level and stage occurs.

## Files

| file | what it is |
|---|---|
| `targets-sample.csv` | the sample's own 2020 targets: amount targets (`target_value`) of 一般公共预算收入 (亿元) and 实际利用外资 (万美元) for the city and every county — each row repeats the published growth target, because an import replaces the whole (year, region, indicator) target — and the zones' growth and amount targets |
| `indicators-history.csv` | 2017-01 … 2019-12, canonical indicator CSV (docs/operate.md#feeds) for every region and indicator, and the province (360000) for industry_va, fai, gdp, retail |
| `indicators-2020-MM.csv` | one file per month as the statistics bureau sends it; `2020-01` has only the indicators published for January alone |
| `projects-2020-MM.csv`, `milestones-2020-MM.csv` | the monthly project report (docs/operate.md#feeds) of 40 major projects and their approval milestones, as known at the end of that month |
| `arrivals.csv` | `period,feed,arrives`: the day each month's file reaches the office, for the day-by-day replay |
| `thresholds/epidemic-2020.yaml` | the sample office's date-limited rules for February–June 2020: the counties judged by how far they fall behind the province instead of by the pre-epidemic targets; the demo runs with the default rule set plus this file |

Conventions: growth in % to one decimal; levels in 亿元 (and 亿千瓦时) to two decimals, 元 and 万美元
whole; growth-only indicators (industry_va, fai) have an empty value; quarterly indicators (gdp,
incomes) only at 03/06/09/12; industry_va, fai, retail have no month 01 (1–2月 combined). Every
published growth equals the growth of the published cumulative level over the same period of the
year before, exactly (2017's growth is over an unpublished 2016). The city's levels are
the sums of its ten counties (incomes: a population-weighted mean); the zones lie inside counties
and are reported beside them. The city's fai is the bureau's own figure (it includes 市本级
investment).

## The shape of 2020

- **The epidemic (H1).** In 1–2月 and 1–3月 every county, the city and the province are negative
  on every monthly growth indicator; recovery is gradual through the second quarter. Under the
  default rules every county is red (`negative_growth`) in February and March and far below its
  targets until June: run as it is, the ladder would summon every county to the mayor by March.
  That is the reason for a date-limited rule set (or exemptions) for those months.
- **The recovery (H2, July–December).** The city recovers faster than the province (industry
  8–9 % against the province's 1.6–4.6 %) and is on or near its targets from July; most counties
  are on or above theirs, and the warnings single out the few laggards below.
- **History (2017–2019).** Normal years, year-end growth near the usual targets, a stable seasonal
  pattern (the forecast of docs/rules.md#precoordination depends on it). One exception on purpose: 宜丰县's retail
  rose at the end of 2019 when a new shopping centre opened.

## Stories (levels and stages under the default rules)

| who | what | when |
|---|---|---|
| 丰城市 360981 | first to recover (on target by June); then industry_va, fai and retail slide together (high 2019 base, finished projects, car dealers closing) | Aug yellow on all three → **one reminder letter naming three subjects**; Sep yellow again → talk_deputy (one talk notice, three subjects; fai and retail, last of the counties since August, are already red by `rank_last_twice`); red again in Oct → fai and retail go to talk_mayor; fai's own gap is orange in Oct, red (≤ −3) in Nov–Dec |
| 铜鼓县 360926 | its largest plant stops a line for environmental rectification | industry_va last of the counties from Sep: Sep yellow (one of the last two) → reminder; Oct `rank_last_twice` red → talk_deputy; Nov red again → talk_mayor |
| 高安市 360983 | 建陶 orders dip in Q3, come back in Q4 | industry_va blue in Sep and Oct (never among the last two) → reminder; clean in Nov and Dec → lifted |
| 上高县 360923 | retail just below target while one of the last two counties | `rank_bottom_two` yellow in Oct → reminder; on target in Nov (the run breaks); yellow again in Dec → stays at reminder |
| 奉新县 360921 | investment grows but below the province average (7.5/7.9/8.1 against 7.7/8.0/8.2) | `below_province` yellow Oct–Dec → reminder in Oct, talk_deputy in Nov |
| 宜丰县 360924 | retail on target all year, but 2019's year-end lift (new shopping centre) will not repeat | no warning until Dec (blue); a forecast from the 2017–2019 seasonal share projects a miss of more than 0.5 points from July on — the precoordination case (§5.5) |
| 袁州区 360902 | 一般公共预算收入 short of both its targets (its budget counted on a repeat of 2019's land taxes; 减税降费; a big taxpayer re-registered in the 经开区 in August) | growth 1.5 % in Jul against 3.5 % (`growth_gap` orange) → reminder; below 2019 from Aug (`negative_growth` red) → talk_deputy Aug, talk_mayor Sep; behind 序时 as well (`amount_lag` blue Aug, yellow Sep, orange Oct–Dec). 财政总收入 follows: yellow in Sep → reminder, red in Oct → talk_deputy, below 2019 from Nov (`negative_growth`) → talk_mayor |
| 宜阳新区 3609A2 | the second tranche of a foreign investor's project is postponed | fdi below 2019 from Jul (−7.2 %, `negative_growth` red) → talk_deputy Jul, talk_mayor Aug; behind 序时 as well (`amount_lag` yellow Jul, orange Aug, red Sep–Dec) |
| 宜春市 360900 | the city's own fai (with 市本级 investment) dips just below target | blue in Oct and Nov → reminder to the lead department, 市发改委 |
| 樟树市 360982 | strong all year (中医药, 盐化工) | on target from June; no warning at all in H2 |
| other counties, zones | on or above target in H2 | — |

Projects (40, codes `P2020-001` … `P2020-040`; most are healthy, within 10 points of 序时):

| project | department | story |
|---|---|---|
{PROJECT_STORIES}

## With or without an answer for the first half

Run with the default rules in every month, the epidemic opens a case for nearly every county and
indicator in February and takes it to the mayor in March; those cases are lifted as the counties
recover (monthly indicators in July and August, quarterly ones in December). If the office answers
the first half with a date-limited rule set or exemptions, none of that happens. The stories above
play out the same either way: every story subject is on target in the two periods before its story
begins, so any earlier case has been lifted by then. `check_coverage.py` runs both (scenario A:
default rules all year; scenario B: the indicator findings of January–June suppressed) and asserts
coverage and the stories in each.

## Arrivals

Statistics arrive around the 11th–14th of the next month (due on the 15th), project reports around
the 7th–9th (due on the 10th), on working days (by the State Council's holiday notices, `thresholds/calendar/`). Two are late on purpose, so that the
timeliness rule `feed_late` (docs/rules.md#data-timeliness) fires: **stats for 2020-07** arrive on 2020-08-20 (due 15 Aug, a
Saturday, moved to Monday 17 Aug), and **projects for 2020-11** arrive on 2020-12-15 (due Thursday
10 Dec). The September project report arrives on Friday 9 October, before its due day 10 October,
which is a Saturday but a make-up working day (调休), so it does not move.
"""

if __name__ == "__main__":
    main()
