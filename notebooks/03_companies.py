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
# Pick two to four organizations: their programs, their figures by category,
# their themes and their mentions over time, with every figure's sentence so
# a reader can check it.

# %%
from explore import notebook, select, views

corpus = notebook.setup()
ORGS = select.organizations(corpus)["org"].head(3).tolist()
ORGS

# %%
views.CompaniesView(corpus, ORGS)

# %% [markdown]
# ## Programs and products they run

# %%
select.programs_of(corpus, ORGS)

# %% [markdown]
# ## Every figure, with its sentence

# %%
select.select_metrics(corpus, orgs=ORGS)[["org", "raw", "value", "unit", "qualifier", "subject", "sentence"]]
