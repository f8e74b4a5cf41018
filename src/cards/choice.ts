import type { RunButton } from './run-button';

/** One way to make an ambiguous name precise: a button that runs the qualified command. */
export interface Choice extends RunButton {
  /** What distinguishes this choice (gallery, subscription, resource group, OS…). */
  detail: string;
}
