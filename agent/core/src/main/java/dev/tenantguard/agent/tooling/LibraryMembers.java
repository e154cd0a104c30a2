package dev.tenantguard.agent.tooling;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What an adapter reads from a library's objects besides the method its advice is woven into: the
 * public methods, constructors and fields of the library's types that it turns into method handles
 * at the first call. Written beside those handles, and checked against the library's class files
 * when the woven class is matched ({@link Transformers#adviceOrRefuse}), so that a version that
 * lacks one is known before any request, not at it. Types are named as in source ({@code byte[]},
 * {@code okhttp3.Request$Builder} for a nested one).
 */
public final class LibraryMembers {
    private static final LibraryMembers NONE = new LibraryMembers(List.of());

    /** One member: {@code returns} is the field's type for a field ({@code null}: any), unused for a constructor. */
    record Member(Kind kind, String owner, String name, String returns, List<String> parameters) {
        /** As a reader of the sentence sees it, e.g. {@code okhttp3.Request.url()}. */
        String describe() {
            return switch (kind) {
                case METHOD -> owner + "." + name + "(" + String.join(", ", parameters) + ") returning " + returns;
                case CONSTRUCTOR -> "constructor " + owner + "(" + String.join(", ", parameters) + ")";
                case FIELD -> "field " + owner + "." + name;
            };
        }
    }

    enum Kind {
        METHOD, CONSTRUCTOR, FIELD
    }

    private final List<Member> members;

    private LibraryMembers(List<Member> members) {
        this.members = members;
    }

    /** Nothing read besides the woven method's arguments. */
    public static LibraryMembers none() {
        return NONE;
    }

    /** A public method of {@code owner}, declared there or inherited. */
    public LibraryMembers method(String owner, String name, String returns, String... parameters) {
        return with(new Member(Kind.METHOD, owner, name, returns, List.of(parameters)));
    }

    /** A public constructor of {@code owner}. */
    public LibraryMembers constructor(String owner, String... parameters) {
        return with(new Member(Kind.CONSTRUCTOR, owner, "<init>", null, List.of(parameters)));
    }

    /** A field of {@code owner} or of one of its superclasses, of any visibility and type. */
    public LibraryMembers field(String owner, String name) {
        return with(new Member(Kind.FIELD, owner, name, null, List.of()));
    }

    /** These members and {@code other}'s. */
    public LibraryMembers and(LibraryMembers other) {
        List<Member> all = new ArrayList<>(members);
        all.addAll(other.members);
        return new LibraryMembers(Collections.unmodifiableList(all));
    }

    /**
     * The first of these members that the library seen from {@code loader} lacks, described for a
     * sentence (e.g. {@code okhttp3.Request.url() returning okhttp3.HttpUrl}); {@code null} when it has
     * them all. Reads class files only, loads no class.
     */
    public String firstMissingIn(ClassLoader loader) {
        return MemberCheck.firstMissing(this, loader);
    }

    List<Member> members() {
        return members;
    }

    private LibraryMembers with(Member member) {
        List<Member> all = new ArrayList<>(members);
        all.add(member);
        return new LibraryMembers(Collections.unmodifiableList(all));
    }
}
