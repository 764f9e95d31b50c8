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
# # 机构对比 Companies
#
# Pick two to four organizations. The scorecard puts what each reports side
# by side, one row per measure (villages covered, people trained, money put
# in, sales …): its headline figure (the latest dated, else the largest) as
# written, qualifier and all, with its date; hover for the sentence. Beneath,
# each measure over time, the themes of their own sentences and their
# mentions over time.

# %%
from explore import copies, notebook, select, views

corpus = notebook.setup()
ORGS = select.organizations(corpus)["org"].head(3).tolist()

# %%
views.CompaniesView(corpus, ORGS)

# %% [markdown]
# ## Programs and products they run

# %%
select.programs_of(copies.counted(corpus), ORGS)

# %% [markdown]
# ## Every figure, with its sentence

# %%
select.select_metrics(corpus, orgs=ORGS)[
    ["org", "measure_label", "raw", "value", "unit", "qualifier", "date", "sentence"]
]
