import { Form, data, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/admin-program";
import { programSettingsInputSchema } from "../../src/domain/program/model.ts";
import { getProgramLogo, getProgramSettings, saveProgramSettings } from "../../src/domain/program/program.server.ts";
import { CheckboxField, CsrfField, ErrorSummary, RadioGroup, SelectField, TextArea, TextField } from "../components/forms.tsx";
import type { Translate } from "../../src/i18n/index.ts";
import { app, notFound, requirePermission } from "../lib/request.server.ts";
import { readForm } from "../lib/form.server.ts";
import { useT } from "../lib/i18n.ts";

/**
 * The program's own settings (decision 0021): its name, address, phone, time zone
 * and logo, read by printouts, pages and calendar files, and whether participants
 * may also sign in with a password (decision 0031). Administrators only.
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  requirePermission(context, request, "manage", "program");
  const settings = await getProgramSettings(app(context).db);
  const logo = settings.hasLogo ? await getProgramLogo(app(context).db) : null;
  // The zones this server knows, for the list to choose from; the schema checks the choice again.
  const zones = Intl.supportedValuesOf("timeZone");
  return { settings, logo, zones, saved: new URL(request.url).searchParams.has("saved") };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePermission(context, request, "manage", "program");
  const ctx = app(context);
  const form = await readForm(request);
  const parsed = form.parse(programSettingsInputSchema);
  const values = parsed.values;
  if (!parsed.ok) return data({ errors: parsed.errors, values, conflict: false }, { status: 400 });
  const file = form.file("logo");
  const logo = file ? { bytes: new Uint8Array(await file.arrayBuffer()) } : null;
  const result = await saveProgramSettings(ctx.db, actor, parsed.data, logo, ctx.meta);
  if (result.ok) return redirect("/admin/program?saved=1");
  if (result.reason === "forbidden") throw notFound();
  if (result.reason === "logo") return data({ errors: { logo: result.problem }, values, conflict: false }, { status: 422 });
  return data({ errors: {}, values, conflict: true }, { status: 409 });
}

function labelsOf(t: Translate) {
  return {
    name: t("program.field.name"), address: t("program.field.address"), phone: t("program.field.phone"),
    timeZone: t("program.field.timeZone"), logo: t("program.field.logo"), removeLogo: t("program.field.removeLogo"),
    quietHoursStart: t("texts.quietHours.start"), quietHoursEnd: t("texts.quietHours.end"),
    participantPasswords: t("participantPassword.option.legend"),
  };
}

export default function AdminProgramPage() {
  const t = useT();
  const { settings, logo, zones, saved } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const labels = labelsOf(t);
  const values = result?.values;
  const value = (key: string, current: string | null) => values?.[key] ?? current ?? "";
  const errors: Record<string, string> | undefined = result?.errors;
  const logoError = errors?.logo;
  return (
    <div className="page page--narrow">
      <title>{`${t("program.title")} · ${t("app.name")}`}</title>
      <h1>{t("program.title")}</h1>
      <p>{t("program.intro")}</p>
      {saved ? <p className="notice" role="status">{t("program.saved")}</p> : null}
      {result?.conflict ? (
        <p className="form-error" role="alert">{t("program.conflict")} <a href="/admin/program">{t("program.reload")}</a></p>
      ) : null}
      <ErrorSummary errors={errors} labels={labels} />
      <Form method="post" encType="multipart/form-data" noValidate>
        <CsrfField />
        <input type="hidden" name="version" value={settings.version} />
        <TextField name="name" label={labels.name} errors={errors} defaultValue={value("name", settings.name)} required />
        <TextArea name="address" label={labels.address} errors={errors} defaultValue={value("address", settings.address)} rows={3} />
        <TextField name="phone" label={labels.phone} errors={errors} defaultValue={value("phone", settings.phone)} type="tel" autoComplete="tel" />
        <SelectField name="timeZone" label={labels.timeZone} hint={t("program.field.timeZone.hint")} errors={errors}
          defaultValue={value("timeZone", settings.timeZone)}
          options={[{ value: "", label: t("program.field.timeZone.choose") }, ...zones.map((zone) => ({ value: zone, label: zone.replace(/_/g, " "), verbatim: true }))]} />
        <fieldset className="field">
          <legend>{t("texts.quietHours.legend")}</legend>
          <p className="hint">{t("texts.quietHours.hint")}</p>
          <TextField name="quietHoursStart" label={labels.quietHoursStart} errors={errors} defaultValue={value("quietHoursStart", settings.quietHours.start)} inputMode="numeric" />
          <TextField name="quietHoursEnd" label={labels.quietHoursEnd} errors={errors} defaultValue={value("quietHoursEnd", settings.quietHours.end)} inputMode="numeric" />
        </fieldset>
        <RadioGroup name="participantPasswords" label={labels.participantPasswords} hint={t("participantPassword.option.hint")} errors={errors}
          defaultValue={value("participantPasswords", settings.participantPasswords ? "on" : "off")}
          options={[{ value: "off", label: t("participantPassword.option.off") }, { value: "on", label: t("participantPassword.option.on") }]} />
        <div className={logoError ? "field field--error" : "field"}>
          <label htmlFor="field-logo">{labels.logo}</label>
          <p id="field-logo-hint" className="hint">{settings.hasLogo ? t("program.field.logo.replaceHint") : t("program.field.logo.hint")}</p>
          {logoError ? <p id="field-logo-error" className="field-error">{t(logoError as "program.logo.type")}</p> : null}
          <input id="field-logo" name="logo" type="file" accept="image/png,image/jpeg" aria-invalid={logoError ? true : undefined}
            aria-describedby={["field-logo-hint", logoError ? "field-logo-error" : ""].filter(Boolean).join(" ")} />
        </div>
        {logo ? (
          <>
            <p><img src={logo} alt={t("program.logo.current")} className="program-logo" /></p>
            <CheckboxField name="removeLogo" label={labels.removeLogo} errors={errors} defaultChecked={false} />
          </>
        ) : null}
        <button type="submit" disabled={busy}>{t("program.submit")}</button>
      </Form>
    </div>
  );
}
