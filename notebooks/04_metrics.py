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
# documents' dates.

# %%
from explore import notebook, views

corpus = notebook.setup()

# %%
views.MetricsView(corpus)

# %% [markdown]
# ## Figures by measure and qualifier

# %%
corpus.metrics.groupby(["measure", "unit", "qualifier"]).size().rename("n").reset_index()

# %%
corpus.metrics[["raw", "value", "unit", "qualifier", "measure", "subject", "org"]]
