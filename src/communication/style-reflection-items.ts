import { deepFreeze, type DeepReadonly } from '../internal/deep-freeze.js';
import type { StyleItemSet } from './style.js';

/**
 * iptkit's own communication-style reflection set: twelve statements written for iptkit, three
 * per style, four of them reverse keyed, answered on a 1-5 agreement scale. Each style is scored
 * if at least two of its three statements are answered.
 *
 * **It is a structured self-reflection aid, not a validated instrument** (`validated: false`): it
 * has no norms and no reliability or validity data, and its results must not be used for
 * diagnosis, screening or outcome measurement. The four styles are popular communication-skills
 * ideas, not IPT constructs, and no validated instrument scoring them was found. To score a
 * licensed instrument instead, pass it to `assessCommunicationStyle` in the same shape.
 * @see IPT reference 4.3 - 4.4 ([MARICOPA], [OURLIFE], [0685], [TRENDS], [POWERMOVES])
 * @category Communication
 */
export const communicationStyleReflection: DeepReadonly<StyleItemSet> = deepFreeze({
  id: 'iptkit-communication-style-reflection',
  version: '1.0.0',
  title: 'How I tend to communicate: a self-reflection',
  validated: false,
  notice:
    'A structured self-reflection aid written for iptkit. It is not a validated instrument: it has no norms, reliability or validity data, and its results must not be used for diagnosis, screening or outcome measurement. The four styles are popular communication-skills ideas, not part of IPT.',
  sources: ['MARICOPA', 'OURLIFE', '0685', 'TRENDS', 'POWERMOVES'],
  scale: {
    min: 1,
    max: 5,
    anchors: [
      { value: 1, label: 'Strongly disagree' },
      { value: 2, label: 'Disagree' },
      { value: 3, label: 'Neither agree nor disagree' },
      { value: 4, label: 'Agree' },
      { value: 5, label: 'Strongly agree' },
    ],
  },
  items: [
    {
      id: 'passive-1',
      text: 'When I disagree with someone close to me, I usually keep it to myself.',
      style: 'passive',
      reverse: false,
    },
    {
      id: 'passive-2',
      text: 'I go along with what other people want so that there is no argument.',
      style: 'passive',
      reverse: false,
    },
    {
      id: 'passive-3',
      text: 'I let people know when something they did has upset me.',
      style: 'passive',
      reverse: true,
    },
    {
      id: 'aggressive-1',
      text: 'When I am annoyed, I raise my voice or talk over the other person.',
      style: 'aggressive',
      reverse: false,
    },
    {
      id: 'aggressive-2',
      text: 'In an argument, getting my way matters more to me than how the other person feels.',
      style: 'aggressive',
      reverse: false,
    },
    {
      id: 'aggressive-3',
      text: "Even when I am angry, I hear the other person's side before I reply.",
      style: 'aggressive',
      reverse: true,
    },
    {
      id: 'passive-aggressive-1',
      text: 'When someone upsets me, I show it by going quiet or being short with them rather than saying so.',
      style: 'passive-aggressive',
      reverse: false,
    },
    {
      id: 'passive-aggressive-2',
      text: 'I sometimes agree to do something and then put it off because I never wanted to do it.',
      style: 'passive-aggressive',
      reverse: false,
    },
    {
      id: 'passive-aggressive-3',
      text: 'If something bothers me, I say it plainly instead of hinting or making a joke of it.',
      style: 'passive-aggressive',
      reverse: true,
    },
    {
      id: 'assertive-1',
      text: 'I can turn down a request without feeling I have to make excuses.',
      style: 'assertive',
      reverse: false,
    },
    {
      id: 'assertive-2',
      text: 'I tell people how I feel in words that start with "I", such as "I felt let down when...".',
      style: 'assertive',
      reverse: false,
    },
    {
      id: 'assertive-3',
      text: 'I find it hard to ask for what I want, even from people I trust.',
      style: 'assertive',
      reverse: true,
    },
  ],
  missingPolicy: { kind: 'mean-of-answered', minAnsweredPerStyle: 2 },
});
