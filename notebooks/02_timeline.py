# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 时间线 Timeline
#
# Every dated event on a time axis, a lane per organization: each event is a
# mark at its date (◆ day, ○ month, □ year); a month- or year-precise date is
# also a thin line over the month or year it covers, not a made-up day. Hover
# for the sentence and the document; filter by organization, theme, kind and
# dates.

# %%
from explore import notebook, select, views

corpus = notebook.setup()

# %%
views.TimelineView(corpus)

# %% [markdown]
# ## All dated events

# %%
select.select_events(corpus)[["date", "date_precision", "date_text", "org", "kind", "title"]].sort_values("date")

# %% [markdown]
# Undated items: the year could not be settled from the text (`month_day`), or
# the item names no date of its own.

# %%
corpus.documents.loc[corpus.documents["date"].isna(), ["source_file", "title", "date_precision", "date_text"]]
