"""``syndicate run``: worker, scheduler, plan, inbox, sources, status."""
