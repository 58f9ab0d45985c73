"""方案生成: a merger plan made from the rule set with OR-Tools CP-SAT (no Qt, no file I/O).

:func:`propose` builds the model of :mod:`.model` on the pairs :mod:`.data` allows and
solves it with one worker and a fixed seed (the same inputs give the same plan). When
no plan meets every hard rule it relaxes one rule at a time (:data:`.data.RELAXABLE`),
returns the best plan with the first rule whose relaxation makes it feasible, marked in
``Proposal.relaxed``, and says why in ``Proposal.messages``.
:func:`check_proposal` lists the hard rules a plan breaks, with the editor's own
:class:`~editor.core.rules.RuleChecker`.
"""

from editor.core.propose.check import check_proposal, proposal_plan
from editor.core.propose.solve import Proposal, propose

__all__ = ["Proposal", "check_proposal", "proposal_plan", "propose"]
