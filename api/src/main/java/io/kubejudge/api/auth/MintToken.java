package io.kubejudge.api.auth;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Mints bearer tokens for local use, signed with the PKCS#8 PEM file {@code --key}. The shipped
 * API holds no private key: without {@code --key} only a classpath with the test resources (the
 * tests, {@code quarkus:dev}) finds the dev key. Not a login service: whoever holds the key can
 * mint any token.
 *
 * <pre>
 * java -cp 'api/target/quarkus-app/lib/main/*:api/target/quarkus-app/lib/boot/*:api/target/quarkus-app/app/*' \
 *     io.kubejudge.api.auth.MintToken --key api/src/test/resources/dev-keys/privateKey.pem \
 *     --user 42 --role submitter [--role admin] [--contest 7]... [--ttl 3600] [--issuer kubejudge] \
 *     [--audience kubejudge-api]
 * </pre>
 */
public final class MintToken {

    static final String DEV_KEY = "dev-keys/privateKey.pem";
    /** The audience the API checks by default ({@code mp.jwt.verify.audiences}). */
    public static final String DEFAULT_AUDIENCE = "kubejudge-api";
    private static final String USAGE = "usage: MintToken --key PRIVATE_KEY_PEM --user ID [--role submitter|admin]..."
            + " [--contest CONTEST_ID]... [--ttl SECONDS] [--issuer ISSUER] [--audience AUDIENCE]";

    /** What a token says. */
    public record Options(String user, Set<String> roles, Set<Long> contests, long ttlSeconds, Path key, String issuer,
                          String audience) {
        public static Options of(String user, String... roles) {
            return new Options(user, new LinkedHashSet<>(List.of(roles)), Set.of(), 3600, null, "kubejudge", DEFAULT_AUDIENCE);
        }

        /** A contestant of these contests (the {@value Roles#CONTESTS_CLAIM} claim). */
        public Options inContests(Long... ids) {
            return new Options(user, roles, new LinkedHashSet<>(List.of(ids)), ttlSeconds, key, issuer, audience);
        }

        public Options expiringIn(long seconds) {
            return new Options(user, roles, contests, seconds, key, issuer, audience);
        }

        public Options issuedBy(String iss) {
            return new Options(user, roles, contests, ttlSeconds, key, iss, audience);
        }

        /** For another audience; null: a token without {@code aud}. */
        public Options forAudience(String aud) {
            return new Options(user, roles, contests, ttlSeconds, key, issuer, aud);
        }
    }

    private MintToken() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try {
            out.println(mint(options));
            return 0;
        } catch (IOException | GeneralSecurityException e) {
            err.println("cannot read the signing key: " + e.getMessage());
            return 1;
        }
    }

    public static String mint(Options o) throws IOException, GeneralSecurityException {
        JwtClaimsBuilder claims = Jwt.issuer(o.issuer())
                .subject(o.user())
                .claim(Roles.USER_ID_CLAIM, o.user())
                .groups(o.roles())
                .expiresIn(o.ttlSeconds());
        if (!o.contests().isEmpty()) {
            claims.claim(Roles.CONTESTS_CLAIM, List.copyOf(o.contests()));
        }
        if (o.audience() != null) {
            claims.audience(o.audience());
        }
        return claims.jws().keyId("kubejudge-dev").sign(readKey(o.key()));
    }

    static Options parse(String[] args) {
        String user = null;
        Set<String> roles = new LinkedHashSet<>();
        Set<Long> contests = new LinkedHashSet<>();
        long ttl = 3600;
        Path key = null;
        String issuer = "kubejudge";
        String audience = DEFAULT_AUDIENCE;
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String flag = rest.remove(0);
            switch (flag) {
                case "--user" -> user = value(flag, rest);
                case "--role" -> {
                    String role = value(flag, rest);
                    if (!role.equals(Roles.SUBMITTER) && !role.equals(Roles.ADMIN)) {
                        throw new IllegalArgumentException("--role must be submitter or admin, not '" + role + "'");
                    }
                    roles.add(role);
                }
                case "--contest" -> {
                    String v = value(flag, rest);
                    try {
                        contests.add(Long.parseLong(v));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--contest must be a contest id (a number), not '" + v + "'");
                    }
                }
                case "--audience" -> audience = value(flag, rest);
                case "--ttl" -> {
                    String v = value(flag, rest);
                    try {
                        ttl = Long.parseLong(v);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--ttl must be a number of seconds, not '" + v + "'");
                    }
                    if (ttl < 1 || ttl > 31_536_000) {
                        throw new IllegalArgumentException("--ttl must be between 1 and 31536000 seconds");
                    }
                }
                case "--key" -> key = Path.of(value(flag, rest));
                case "--issuer" -> issuer = value(flag, rest);
                default -> throw new IllegalArgumentException("unknown argument '" + flag + "'");
            }
        }
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("--user is required");
        }
        if (roles.isEmpty()) {
            roles.add(Roles.SUBMITTER);
        }
        return new Options(user, roles, contests, ttl, key, issuer, audience);
    }

    private static String value(String flag, List<String> rest) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return rest.remove(0);
    }

    private static PrivateKey readKey(Path file) throws IOException, GeneralSecurityException {
        String pem;
        if (file != null) {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } else {
            try (InputStream in = MintToken.class.getClassLoader().getResourceAsStream(DEV_KEY)) {
                if (in == null) {
                    throw new IOException("no --key given, and the dev key " + DEV_KEY + " is not on the classpath"
                            + " (the packaged API ships without it: pass --key api/src/test/resources/" + DEV_KEY + ")");
                }
                pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            }
        }
        if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new GeneralSecurityException("expected a PKCS#8 PEM private key (BEGIN PRIVATE KEY)");
        }
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
