import type { MutationOperator } from '../types.ts';
import { dropApprovalRule, lowerQuorum, raiseApprovalThreshold } from './approvals.ts';
import { widenBudget } from './budgets.ts';
import { loosenConstraintBound, negateConstraint } from './constraints.ts';
import { dropDataFlowRule } from './data-flow.ts';
import { liveWrites } from './environments.ts';
import { swapRouteModel } from './routes.ts';
import { dropCompensation, dropStep } from './steps.ts';
import { dropAllowEntry, dropDenyRule } from './tool-lists.ts';
import { invertTransition, reorderTransitions } from './transitions.ts';

/** The catalogue of mutation operators, in the order reports list them. */
export const OPERATORS: readonly MutationOperator[] = [
  loosenConstraintBound, negateConstraint, dropDenyRule, dropAllowEntry, dropApprovalRule, lowerQuorum, raiseApprovalThreshold,
  invertTransition, reorderTransitions, dropStep, dropCompensation, liveWrites, dropDataFlowRule, widenBudget, swapRouteModel,
];
