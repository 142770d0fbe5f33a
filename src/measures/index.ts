export {
  LoincCode,
  LoincAnswerCode,
  ResponseOption,
  ItemId,
  InstrumentItem,
  Band,
  BandSet,
  InstrumentFlag,
  MissingPolicy,
  Instrument,
  totalRange,
  defineInstrument,
  parseInstrument,
  findBand,
  scoreInstrument,
} from './instrument.js';
export type { InstrumentInput, Responses, ScoredBand, Score, ScoreOptions } from './instrument.js';
export { frequencyOptions, difficultyOptions, phq9, scorePhq9 } from './phq9.js';
export type { Phq9Responses, Phq9Score, Phq9Options } from './phq9.js';
export { gad7 } from './gad7.js';
export { hamd17 } from './hamd17.js';
export { SrmActivity, ClockTime, SrmDay, SrmWeek, SrmOptions, srm5, scoreSrm5 } from './srm5.js';
export type { SrmDefinition, SrmActivityResult, SrmScore } from './srm5.js';
