package dev.stablestructures.runtime.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a canister test twice, as the IC's upgrade guide asks: once plainly ({@code [plain]}) and
 * once with an upgrade ({@code [with upgrade]}), so that a test passing both ways shows that the
 * canister's state survives an upgrade. The test takes an {@link UpgradeHarness} parameter,
 * installs its canister through it and reads through it:
 *
 * <pre>{@code
 * @UpgradeTwice
 * void keepsWhatWasStored(UpgradeHarness canister) {
 *   canister.install(AssetStorage.v2());
 *   canister.update("store", "index.html <h1>hi</h1>");
 *   canister.upgradePoint();                       // optional: where the upgrade happens
 *   assertEquals("<h1>hi</h1>", canister.query("retrieve", "index.html").replyText());
 * }
 * }</pre>
 *
 * <p>In the upgrade run each {@link UpgradeHarness#upgradePoint()} upgrades the canister (to the
 * same code, or to the code given to {@link UpgradeHarness#upgradeTo}); a test that marks no point
 * is upgraded once after its setup, which is everything before its first {@link
 * UpgradeHarness#query query} through the harness. An upgrade run that performed no upgrade fails.
 * In the plain run the marks do nothing.
 */
@SuppressWarnings("exports") // JUnit is a static requirement: see module-info
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@TestTemplate
@ExtendWith(UpgradeTwiceExtension.class)
public @interface UpgradeTwice {}
