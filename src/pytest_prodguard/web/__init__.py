"""Web performance: page timing in the shared browser, resource and bundle budgets, optimisation findings.

* :mod:`.plugin` (registered as ``prodguard.web``) and :mod:`.options` load in every run; nothing else
  does until a test asks for ``page_timing`` or ``prodguard_bundle_budgets`` is set.
* Pure engines (no pytest): :mod:`.throttle`, :mod:`.probe`, :mod:`.rounds`, :mod:`.resources`,
  :mod:`.bundles`, :mod:`.audits`. :mod:`.loader` drives Chromium through Playwright and its
  DevTools protocol session.
"""
