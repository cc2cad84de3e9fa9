package org.dossier.render;

/** One element of a form as templates draw it: a section, a control or a repeatable group. */
public sealed interface FormItem permits SectionView, ControlView, RepeatableGroupView {
    /** {@code section}, {@code control} or {@code group}: lets templates choose what to include. */
    String kind();

    String id();

    boolean visible();
}
