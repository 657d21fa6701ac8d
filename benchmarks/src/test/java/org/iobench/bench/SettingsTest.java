package org.iobench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.iobench.api.IobenchHome;
import org.iobench.api.Settings;
import org.junit.jupiter.api.Test;

/** One registry: every setting declared once, documented, one name each, read only through it. */
class SettingsTest {

    @Test
    void everySettingHasOneNameADocLineAndAppearsInTheListing() {
        Set<String> names = new HashSet<>();
        String listing = String.join("\n", Settings.describe());
        for (Settings.Setting s : Settings.all()) {
            assertTrue(names.add(s.property()), "declared twice: " + s.property());
            if (s.alias() != null) assertTrue(names.add(s.alias()), "alias reused: " + s.alias());
            assertTrue(s.property().startsWith("iobench."), s.property());
            assertFalse(s.doc().isBlank(), s.property());
            assertTrue(listing.contains("-D" + s.property()), s.property() + " missing from --settings");
        }
    }

    @Test
    void everySettingIsInTheReadmesTable() throws IOException {
        String readme = Files.readString(IobenchHome.get().resolve("README.md"));
        String table = readme.substring(readme.indexOf("### Settings"), readme.indexOf("## Reference results"));
        for (Settings.Setting s : Settings.all()) {
            assertTrue(table.contains("`" + s.property() + "`"), s.property() + " is missing from the README's settings table");
        }
    }

    @Test
    void thePropertyWinsOverItsAliasWhichWinsOverTheEnvironmentAndTheDefault() {
        Settings.Setting preset = Settings.PRESET;
        assertEquals("standard", preset.valueIn(Map.of(), Map.of()));
        assertEquals("full", preset.valueIn(Map.of("bench.preset", "full"), Map.of()));
        assertEquals("quick", preset.valueIn(Map.of("bench.preset", "full", "iobench.preset", "quick"), Map.of()));
        assertEquals("/x", Settings.HOME.valueIn(Map.of(), Map.of("IOBENCH_HOME", "/x")));
        assertEquals("/y", Settings.HOME.valueIn(Map.of("iobench.home", "/y"), Map.of("IOBENCH_HOME", "/x")));
        assertEquals("standard", preset.valueIn(Map.of("iobench.preset", "  "), Map.of()), "blank is unset");
    }

    /** A property read around the registry would be a second, undocumented name. */
    @Test
    void settingsAreReadOnlyThroughTheRegistry() throws IOException {
        Pattern direct = Pattern.compile("(getProperty|getInteger|getBoolean|getLong)\\(\"(iobench|bench)\\.|getenv\\(\"IOBENCH");
        List<String> offenders = new ArrayList<>();
        for (String module : List.of("benchmarks/src/main/java", "reports/src/main/java", "implementations/api/src/main/java",
                "implementations/jdk/src/main/java", "implementations/netty/src", "implementations/netty42/src/main/java",
                "implementations/conformance/src/test/java")) {
            try (Stream<Path> files = Files.walk(IobenchHome.get().resolve(module))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java") && !f.endsWith("Settings.java")).toList()) {
                    if (direct.matcher(Files.readString(file)).find()) offenders.add(file.toString());
                }
            }
        }
        assertEquals(List.of(), offenders);
    }
}
