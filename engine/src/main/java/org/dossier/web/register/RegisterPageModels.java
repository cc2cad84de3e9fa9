package org.dossier.web.register;

import java.util.List;

/** The typed models of the register pages (rendered with {@code PageModel.of}). */
final class RegisterPageModels {
    private RegisterPageModels() {}

    /** One published version in the register's history, linked to the register it implied. */
    record VersionRow(int number, String publishedAt, String url, boolean shown) {}

    /**
     * {@code pages/register}.
     *
     * @param register     the register shown; null when {@code notice} says none existed at the date asked
     * @param asOf         a past register is shown (a version or a date was asked for)
     * @param at           the date typed in the history form, as typed
     * @param pdfUrl       the PDF of the register shown (same version or date)
     * @param controllerUrl the controller's details form; empty for a member who cannot change them
     */
    record RegisterPage(RegisterView register, String notice, boolean asOf, String at, List<VersionRow> versions,
                        String currentUrl, String pdfUrl, String jsonUrl, String controllerUrl, boolean saved) {}

    /** {@code pages/register-controller}: the form, with what was typed and what is wrong. */
    record ControllerPage(String formAction, String backUrl, String serviceName, List<Input> inputs,
                          List<Problem> problems) {}

    /** One input of the controller form: its name, label, value, maximum length, type and error. */
    record Input(String name, String label, String value, int maxLength, String type, String error) {}

    /** An entry of the error summary, linked to its input. */
    record Problem(String input, String message) {}

    /** {@code pages/register-platform}. */
    record PlatformPage(List<ServiceRow> services, List<ProcessingRow> platform) {}

    /** One service of the platform's register: its purposes, whether it holds special categories, what is to complete. */
    record ServiceRow(String name, String slug, String controller, int version, List<String> purposes,
                      boolean special, int toComplete, String controllerUrl) {}

    /** One processing of the platform itself. */
    record ProcessingRow(String key, String name, String basis, String subjects, String data, String recipients,
                         String retention) {}
}
