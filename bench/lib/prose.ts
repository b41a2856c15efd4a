/**
 * Word banks and sentence templates for synthetic reflective accounts and synthetic criteria: first-person
 * prose about managing a care service, close enough to the real thing that Markdown parsing, word counts
 * and fuzzy search behave as they would on a candidate's portfolio.
 */
import type { Rng } from './rng';

const OPENERS = [
  'Last month',
  'In the spring',
  'After the inspection',
  'During a busy week',
  'At the start of the year',
  'When a senior carer left',
  'Following a complaint',
  'Over the winter',
  'Before the review',
  'Soon after I started',
];
const ACTIONS = [
  'I met the team leaders to agree',
  'I reviewed the rota and planned',
  'I arranged supervision to discuss',
  'I led a staff meeting about',
  'I worked with the activities coordinator on',
  'I asked the night staff about',
  'I spoke with relatives about',
  'I checked the support plans for',
  'I set clear targets for',
  'I delegated the day-to-day running of',
  'I monitored the records of',
  'I agreed with the provider how to improve',
  'I wrote a short procedure for',
  'I coached a new senior through',
  'I challenged the way we handled',
];
const OBJECTS = [
  'the allocation of visits',
  'medication rounds',
  'the new activities programme',
  'person-centred reviews',
  'the handover between shifts',
  'moving and handling practice',
  'the quality of daily notes',
  'infection control',
  'the induction of new workers',
  'our response to falls',
  'the use of agency staff',
  'nutrition and hydration',
  'the complaints log',
  'end of life care plans',
  'the lone working policy',
  'the training matrix',
  'the safeguarding referrals',
  'the budget for the garden project',
  'the feedback from the residents meeting',
];
const PEOPLE = [
  'individuals and their families',
  'the senior carers',
  'the home care workers',
  'key people',
  'the district nurse',
  'the social work team',
  'the registered manager',
  'our volunteers',
  'the kitchen staff',
  'the care inspectorate',
];
const OUTCOMES = [
  'everyone knew what was expected of them',
  'people received the support they had asked for',
  'the workload was shared more fairly',
  'we could show the inspector how we met the standards',
  'individuals had more choice and control',
  'staff felt confident to raise concerns',
  'nothing was missed at handover',
  'the risks were recorded and reviewed',
  'the service stayed within its budget',
  'the outcomes were measurable',
];
const REFLECTIONS = [
  'Looking back, I would involve the team earlier.',
  'I learned that I need to check workloads as well as skills.',
  'This showed me how much depends on clear communication.',
  'Next time I will ask for feedback sooner.',
  'It was harder than I expected, but the team rose to it.',
  'I now plan supervision around these conversations.',
  'The feedback from relatives was very positive.',
  'Not everything worked, and we changed the plan twice.',
];
const LINKERS = ['so that', 'because', 'and made sure that', 'which meant that', 'until'];

export const HEADINGS = [
  'Background',
  'What I did',
  'Planning the work',
  'Sharing out the work',
  'Keeping track',
  'Working with others',
  'Checking the quality',
  'What happened next',
  'Evaluation',
  'Reflection',
  'Learning and next steps',
];

export const TITLES = [
  'Re-allocating visits after a staff absence',
  'Planning the new activities programme',
  'Improving handovers',
  'Supervising home care workers',
  'Responding to a complaint',
  'Introducing electronic care records',
  'Reviewing medication practice',
  'Leading the team through an inspection',
  'Supporting a new senior carer',
  'Managing a safeguarding concern',
  'Lone working in the community',
  'Reducing agency use',
];

/** One sentence of account prose, without a citation. */
export function sentence(rng: Rng): string {
  const shape = rng.int(0, 3);
  if (shape === 0) return rng.pick(REFLECTIONS);
  const core = `${rng.pick(ACTIONS)} ${rng.pick(OBJECTS)} with ${rng.pick(PEOPLE)} ${rng.pick(LINKERS)} ${rng.pick(OUTCOMES)}`;
  return shape === 1 ? `${rng.pick(OPENERS)}, ${lowerFirst(core)}.` : `${core}.`;
}

function lowerFirst(s: string): string {
  return s.startsWith('I ') ? s : s[0].toLowerCase() + s.slice(1);
}

export function wordCount(s: string): number {
  return (s.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? []).length;
}

const VERBS = [
  'Lead',
  'Manage',
  'Monitor',
  'Review',
  'Agree',
  'Support',
  'Evaluate',
  'Identify',
  'Record',
  'Plan',
  'Supervise',
  'Promote',
  'Develop',
  'Implement',
  'Ensure',
  'Challenge',
];
const TOPICS = [
  'work with individuals, key people and others',
  'the allocation of areas of work',
  'risk assessments',
  'systems for recording and reporting',
  'the supervision of workers',
  'learning and development plans',
  'the quality of care service provision',
  'partnership working',
  'resource allocation',
  'lone working arrangements',
  'the involvement of individuals in decisions',
  'safeguarding procedures',
  'the management of conflicts',
  'performance indicators',
  'legislative and regulatory requirements',
  'continuous improvement',
];
const PURPOSES = [
  'to achieve positive outcomes for individuals',
  'in line with organisational policies and procedures',
  'to meet the operational plans and priorities of the service',
  'that promote dignity, choice and independence',
  'so that workers are supported in their roles',
  'to identify areas for improvement',
  'within the limits of your role and responsibilities',
  'taking account of the views of individuals',
];
const KNOWLEDGE = [
  'legal and work setting requirements for',
  'how to use evidence based practice in',
  'the importance of',
  'theories and models of',
  'factors that may affect',
  'methods for evaluating',
  'your role and responsibilities in',
  'how to address conflicts and dilemmas in',
];

/** The text of a synthetic performance criterion or knowledge point. */
export function criterionText(rng: Rng, kind: 'P' | 'K'): string {
  if (kind === 'P') return `${rng.pick(VERBS)} ${rng.pick(TOPICS)} ${rng.pick(PURPOSES)}.`;
  return `${capitalise(rng.pick(KNOWLEDGE))} ${rng.pick(TOPICS)} ${rng.pick(PURPOSES)}.`;
}

export function sectionTitle(rng: Rng): string {
  return `${rng.pick(VERBS)} ${rng.pick(TOPICS)}`;
}

export function capitalise(s: string): string {
  return s[0].toUpperCase() + s.slice(1);
}
