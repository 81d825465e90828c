import { z } from 'zod';
import { conditionProblems, factsRead, type TopLevelCondition } from './rule-set.conditions';
import { placeholdersIn } from './rule-set.params';

// The format of a rule file under rules/. Published rule sets are never edited: a change is a new
// file with a new version and a later validFrom (the registry enforces this through the hash).

export const OUTCOMES = ['ineligible', 'refer', 'incomplete'] as const;
export type Outcome = (typeof OUTCOMES)[number];

const text = z.object({ sv: z.string().trim().min(1), en: z.string().trim().min(1) }).strict();
export type LocalisedText = z.infer<typeof text>;

const ruleSchema = z
  .object({
    $comment: z.string().optional(),
    id: z
      .string()
      .regex(
        /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$/,
        'use upper-case letters, digits and dashes, e.g. "DEM-1-REFER"',
      ),
    code: z.string().regex(/^[A-Z]+-\d+$/, 'a criterion code looks like "DEM-1" or "FORM-3"'),
    criterion: text,
    legalBasis: z.string().trim().min(1),
    outcome: z.enum(OUTCOMES),
    /** Shown when the rule is met: why this outcome. */
    explanation: text,
    /** Shown when the rule was checked and not met, where a reader needs to know what was not counted. */
    notMetExplanation: text.optional(),
    priority: z.number().int().min(1),
    conditions: z.custom<TopLevelCondition>((v) => v !== null && typeof v === 'object' && !Array.isArray(v), {
      message: 'conditions must be an object with "all", "any" or "not"',
    }),
  })
  .strict()
  .refine((r) => r.id === r.code || r.id.startsWith(`${r.code}-`), {
    message: 'a rule id starts with its criterion code, e.g. "DEM-1" or "DEM-1-REFER"',
    path: ['id'],
  });

export type RuleDefinition = z.infer<typeof ruleSchema>;

export const ruleSetSchema = z
  .object({
    $comment: z.string().optional(),
    id: z
      .string()
      .regex(/^[a-z][a-z0-9-]*$/, 'use lower-case letters, digits and dashes, e.g. "eligibility"'),
    version: z.string().regex(/^\d+(\.\d+)*$/, 'a version is dot-separated numbers, e.g. "2026.1"'),
    validFrom: z.iso.date('validFrom must be a date as YYYY-MM-DD'),
    parameters: z
      .record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/), z.union([z.number(), z.string(), z.boolean()]))
      .default({}),
    rules: z.array(ruleSchema).min(1, 'a rule set needs at least one rule'),
  })
  .strict()
  .superRefine((set, ctx) => {
    const seen = new Map<string, number>();
    set.rules.forEach((rule, i) => {
      const at = ['rules', i];
      const first = seen.get(rule.id);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [...at, 'id'],
          message: `duplicate rule id "${rule.id}" (also rules[${first}])`,
        });
      }
      seen.set(rule.id, first ?? i);
      const c = rule.conditions as Record<string, unknown>;
      if (!('all' in c || 'any' in c || 'not' in c)) {
        ctx.addIssue({
          code: 'custom',
          path: [...at, 'conditions'],
          message: 'the top condition must be "all", "any" or "not"',
        });
      }
      const problems = conditionProblems(rule.conditions, set.parameters, [...at, 'conditions']);
      for (const [path, message] of problems) ctx.addIssue({ code: 'custom', path, message });
      if (problems.length === 0 && factsRead(rule.conditions).has('watchlist') && rule.outcome !== 'refer') {
        // DOMAIN.md: a watchlist match can only ever raise refer; a person weighs it.
        ctx.addIssue({
          code: 'custom',
          path: [...at, 'outcome'],
          message: 'a rule that reads the watchlist may only have outcome "refer"',
        });
      }
      const texts: Array<[string, string]> = [
        ['criterion', rule.criterion.sv],
        ['criterion', rule.criterion.en],
        ['explanation', rule.explanation.sv],
        ['explanation', rule.explanation.en],
        ['notMetExplanation', rule.notMetExplanation?.sv ?? ''],
        ['notMetExplanation', rule.notMetExplanation?.en ?? ''],
      ];
      for (const [field, t] of texts) {
        for (const name of placeholdersIn(t)) {
          if (!(name in set.parameters)) {
            ctx.addIssue({
              code: 'custom',
              path: [...at, field],
              message: `text uses {${name}}, which is not a parameter`,
            });
          }
        }
      }
    });
  });

export type RuleSetFile = z.infer<typeof ruleSetSchema>;
