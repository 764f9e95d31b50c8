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
# # 数字 Metrics
#
# Figures compared like with like: choose a measure (what is counted:
# villages, people trained, money put in …) in one unit family, never a raw
# unit that puts villages and departments on one axis. Each figure is labelled
# with what it counts (`腾讯 · 居民 10万多`); `超过`/`多`/`余` (more than) and
# `近` (less than) are open-ended arrows, not exact bars; a log scale is used
# where values span orders of magnitude. Below, the same figures over their
# documents' dates. A figure restated by a copy of its story (a repost, a
# rewrite) is counted once; tick "count every copy" to count them all.

# %%
from explore import copies, notebook, views

corpus = notebook.setup()

# %%
views.MetricsView(corpus)

# %% [markdown]
# ## Figures by measure and qualifier (each story once)

# %%
copies.counted(corpus).metrics.groupby(["measure", "unit", "qualifier"]).size().rename("n").reset_index()

# %% [markdown]
# Every figure, with `is_copy` marking those restated by a copy of a story counted elsewhere:

# %%
corpus.metrics[["raw", "value", "unit", "qualifier", "measure", "subject", "org", "is_copy"]]
