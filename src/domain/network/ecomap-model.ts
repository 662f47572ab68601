import type { Closeness, RelationshipKind, RelationshipStatus } from "./vocabulary.ts";

/** What the ecomap needs to know about each current support person. */
export interface EcomapPerson {
  id: string;
  name: string;
  relationshipKind: RelationshipKind;
  relationshipLabel: string;
  closeness: Closeness;
  status: RelationshipStatus;
  /** Holds an active consent grant (any category) right now. */
  hasConsent: boolean;
  firstCall: boolean;
}

export interface EcomapInput {
  participantName: string;
  people: EcomapPerson[];
}
