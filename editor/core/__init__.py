"""Qt-free domain: towns, plans, commands, statistics, rules."""
