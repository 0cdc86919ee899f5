package dev.kubelab.kernel.magic;

import dev.kubelab.kernel.display.MimeBundle;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * All magics known to the kernel, discovered with {@link ServiceLoader} so that other modules plug theirs in by adding
 * a class and one line in {@code META-INF/services/dev.kubelab.kernel.magic.Magic}. Parses a call, prints usage,
 * suggests close matches for unknown names and completes names, sub-commands, options and values.
 */
public final class MagicRegistry {

    /** One registered magic. */
    public static final class Entry {
        private final String name;
        private final Class<? extends Magic> type;
        private final Magic.Kind kind;
        private final String description;

        Entry(String name, Class<? extends Magic> type, Magic.Kind kind, String description) {
            this.name = name;
            this.type = type;
            this.kind = kind;
            this.description = description;
        }

        public String name() {
            return name;
        }

        public Magic.Kind kind() {
            return kind;
        }

        public String description() {
            return description;
        }

        public boolean allowsLine() {
            return kind != Magic.Kind.CELL;
        }

        public boolean allowsCell() {
            return kind != Magic.Kind.LINE;
        }

        /** How the user writes it: %name, %%name or %name / %%name. */
        public String usageName() {
            switch (kind) {
                case CELL:
                    return "%%" + name;
                case BOTH:
                    return "%" + name + ", %%" + name;
                default:
                    return "%" + name;
            }
        }
    }

    /** Completion candidates and the cell range they replace. */
    public static final class Completion {
        public final List<String> matches;
        public final int start;
        public final int end;

        public Completion(List<String> matches, int start, int end) {
            this.matches = matches;
            this.start = start;
            this.end = end;
        }
    }

    private final Map<String, Entry> entries = new TreeMap<>();

    /** Every magic visible to {@code loader}. A provider that fails to load is skipped (and logged by the caller). */
    public static MagicRegistry discover(ClassLoader loader) {
        MagicRegistry registry = new MagicRegistry();
        ServiceLoader.load(Magic.class, loader).stream().forEach(p -> registry.register(p.type()));
        return registry;
    }

    public MagicRegistry register(Class<? extends Magic> type) {
        CommandLine.Command cmd = type.getAnnotation(CommandLine.Command.class);
        if (cmd == null || cmd.name().isEmpty() || cmd.name().equals("<main class>")) {
            throw new IllegalArgumentException(type.getName() + " needs @Command(name = ...) to be a magic");
        }
        Magic prototype = instantiate(type);
        // picocli formats descriptions with String.format, so a literal % is written %% there
        String description = cmd.description().length > 0
                ? cmd.description()[0].replace("%n", " ").replace("%%", "%") : "";
        entries.put(cmd.name(), new Entry(cmd.name(), type, prototype.kind(), description));
        return this;
    }

    public Collection<Entry> all() {
        return Collections.unmodifiableCollection(entries.values());
    }

    public Optional<Entry> find(String name) {
        return Optional.ofNullable(entries.get(name));
    }

    /** Names within edit distance 2 (or sharing a prefix), closest first. */
    public List<String> closeMatches(String name) {
        return entries.keySet().stream()
                .map(n -> Map.entry(n, EditDistance.between(name, n)))
                .filter(e -> e.getValue() <= Math.max(2, name.length() / 3)
                        || (name.length() >= 2 && (e.getKey().startsWith(name) || name.startsWith(e.getKey()))))
                .sorted(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey)
                .limit(3)
                .collect(Collectors.toList());
    }

    /**
     * Runs {@code %name argLine} (or {@code %%name argLine} with a body when {@code cell}); {@code --help} anywhere
     * returns the usage instead. Usage problems throw {@link MagicUsageException} with a one-line message.
     */
    public Object invoke(String name, boolean cell, String argLine, MagicContext context) throws Exception {
        String shown = (cell ? "%%" : "%") + name;
        Entry entry = entries.get(name);
        if (entry == null) {
            throw new MagicUsageException(unknownMessage(shown, name, cell));
        }
        if (cell && !entry.allowsCell()) {
            throw new MagicUsageException(shown + " is a line magic: write %" + name + " on its own line");
        }
        if (!cell && !entry.allowsLine()) {
            throw new MagicUsageException(shown + " is a cell magic: start the cell with %%" + name);
        }
        if (RawArguments.class.isAssignableFrom(entry.type) && !argLine.strip().equals("--help")
                && !argLine.strip().equals("-h")) {
            return instantiate(entry.type).run(context);
        }
        List<String> words;
        try {
            words = ArgTokenizer.split(argLine);
        } catch (IllegalArgumentException e) {
            throw new MagicUsageException(shown + ": " + e.getMessage() + " (see " + shown + " --help)");
        }
        Magic magic = instantiate(entry.type);
        CommandLine commandLine = commandLine(magic, shown);
        ParseResult parsed;
        try {
            parsed = commandLine.parseArgs(words.toArray(new String[0]));
        } catch (CommandLine.ParameterException e) {
            String where = e.getCommandLine().getCommandSpec().qualifiedName(" ");
            throw new MagicUsageException(where + ": " + oneLine(e.getMessage()) + " (see " + where + " --help)");
        }
        ParseResult leaf = parsed;
        while (true) {
            if (leaf.isUsageHelpRequested()) {
                return MimeBundle.text(leaf.commandSpec().commandLine().getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing());
            }
            if (!leaf.hasSubcommand()) {
                break;
            }
            leaf = leaf.subcommand();
        }
        Object target = leaf.commandSpec().userObject();
        if (!(target instanceof Magic)) {
            if (!leaf.commandSpec().subcommands().isEmpty()) {
                throw new MagicUsageException(leaf.commandSpec().qualifiedName(" ") + ": missing sub-command, one of: "
                        + String.join(", ", leaf.commandSpec().subcommands().keySet()));
            }
            target = magic;
        }
        return ((Magic) target).run(context);
    }

    /** The usage text of a magic (as {@code --help} prints it). */
    public String usage(String name) {
        Entry entry = entries.get(name);
        if (entry == null) {
            throw new MagicUsageException(unknownMessage("%" + name, name, false));
        }
        String shown = entry.kind == Magic.Kind.CELL ? "%%" + name : "%" + name;
        return commandLine(instantiate(entry.type), shown).getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing();
    }

    /**
     * Completes a magic line. {@code line} is the text of the line up to the cursor, starting at its '%';
     * {@code lineOffset} is where that line starts in the cell.
     */
    public Completion complete(String line, int lineOffset, MagicContext context) {
        boolean cell = line.startsWith("%%");
        int nameStart = cell ? 2 : 1;
        int nameEnd = nameStart;
        while (nameEnd < line.length() && !Character.isWhitespace(line.charAt(nameEnd))) {
            nameEnd++;
        }
        String name = line.substring(nameStart, nameEnd);
        if (nameEnd == line.length()) {
            String prefix = cell ? "%%" : "%";
            List<String> names = entries.values().stream()
                    .filter(e -> e.name.startsWith(name) && (cell ? e.allowsCell() : e.allowsLine()))
                    .map(e -> prefix + e.name)
                    .collect(Collectors.toList());
            return new Completion(names, lineOffset, lineOffset + line.length());
        }
        Entry entry = entries.get(name);
        if (entry == null) {
            return new Completion(List.of(), lineOffset + line.length(), lineOffset + line.length());
        }
        ArgTokenizer.Scan scan = ArgTokenizer.scan(line.substring(nameEnd), true);
        List<String> words = new ArrayList<>(scan.words);
        String prefix = scan.endsInWord ? words.remove(words.size() - 1) : "";
        Magic magic = instantiate(entry.type);
        CommandSpec spec = commandLine(magic, "%" + name).getCommandSpec();
        Object hookOwner = magic;
        String pendingOption = null;
        for (String w : words) {
            CommandLine sub = spec.subcommands().get(w);
            if (sub != null) {
                spec = sub.getCommandSpec();
                hookOwner = spec.userObject();
                pendingOption = null;
                continue;
            }
            OptionSpec opt = spec.findOption(w.contains("=") ? w.substring(0, w.indexOf('=')) : w);
            pendingOption = opt != null && opt.arity().min() > 0 && !w.contains("=") ? w : null;
        }
        Set<String> candidates = new LinkedHashSet<>();
        if (pendingOption != null) {
            addCandidates(spec.findOption(pendingOption), candidates);
        } else if (prefix.startsWith("-")) {
            spec.options().stream().filter(o -> !o.hidden()).forEach(o -> candidates.addAll(List.of(o.names())));
        } else {
            candidates.addAll(spec.subcommands().keySet());
            for (PositionalParamSpec p : spec.positionalParameters()) {
                addCandidates(p, candidates);
            }
        }
        if (hookOwner instanceof MagicCompleter) {
            candidates.addAll(((MagicCompleter) hookOwner).complete(context, words, prefix));
        }
        List<String> matches = candidates.stream().filter(c -> c.startsWith(prefix)).sorted(Comparator.naturalOrder())
                .collect(Collectors.toList());
        int end = lineOffset + line.length();
        return new Completion(matches, end - prefix.length(), end);
    }

    private static void addCandidates(ArgSpec arg, Set<String> into) {
        if (arg != null && arg.completionCandidates() != null) {
            arg.completionCandidates().forEach(into::add);
        }
    }

    private String unknownMessage(String shown, String name, boolean cell) {
        List<String> close = closeMatches(name);
        String prefix = cell ? "%%" : "%";
        return "unknown magic " + shown + (close.isEmpty() ? "" : " — did you mean "
                + close.stream().map(n -> prefix + n).collect(Collectors.joining(", ")) + "?")
                + " (%lsmagic lists all)";
    }

    private static CommandLine commandLine(Magic magic, String shownName) {
        CommandLine cl = new CommandLine(magic);
        cl.setCommandName(shownName);
        addHelp(cl.getCommandSpec());
        return cl;
    }

    /** Every magic and sub-command answers -h/--help without declaring it. */
    private static void addHelp(CommandSpec spec) {
        if (spec.optionsMap().get("--help") == null) {
            spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                    .description("Show this help and exit.").build());
        }
        spec.subcommands().values().forEach(sub -> addHelp(sub.getCommandSpec()));
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    private static Magic instantiate(Class<? extends Magic> type) {
        try {
            return type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create magic " + type.getName() + ": " + e, e);
        }
    }
}
