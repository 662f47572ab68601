import { auth } from "./auth.ts";
import { common } from "./common.ts";
import { participants } from "./participants.ts";
import { admin } from "./admin.ts";
import { profile } from "./profile.ts";
import { benefits } from "./benefits.ts";
import { network } from "./network.ts";
import { meetings } from "./meetings.ts";
import { meetingChanges } from "./meeting-changes.ts";
import { partners } from "./partners.ts";
import { own } from "./own.ts";
import { partnersMore } from "./partners-more.ts";
import { strays } from "./strays.ts";
import { plain } from "./plain.ts";
import { texts } from "./texts.ts";
import { day } from "./day.ts";
import { fit } from "./fit.ts";
import { messages } from "./messages.ts";
import { overview } from "./overview.ts";
import { caseload } from "./caseload.ts";

/** The English catalog: every string a person reads, by key. One file per area. */
export const en = { ...common, ...auth, ...participants, ...admin, ...profile, ...benefits, ...network, ...meetings, ...meetingChanges, ...partners, ...own, ...partnersMore, ...strays, ...plain, ...texts, ...day, ...fit, ...messages, ...overview, ...caseload } as const;
