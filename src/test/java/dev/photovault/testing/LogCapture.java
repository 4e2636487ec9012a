package dev.photovault.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Captures log lines (with exceptions and their causes) while open, so tests can assert what users would see in
 * logs: photovault's own loggers at every level down to DEBUG, everything else (Camel) at INFO, to keep captures
 * small. That no secret reaches Camel's own DEBUG and TRACE output is shown in a child JVM with everything at TRACE
 * (SecretsAndExposureTest).
 */
public final class LogCapture implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final AbstractAppender appender;
    private final Level rootLevel;
    private final Level photovaultLevel;

    public LogCapture() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration config = ctx.getConfiguration();
        appender = new AbstractAppender("capture-" + System.nanoTime(), null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                StringBuilder sb = new StringBuilder(event.getLevel() + " " + event.getLoggerName() + " "
                        + event.getMessage().getFormattedMessage());
                for (Throwable t = event.getThrown(); t != null; t = t.getCause()) {
                    sb.append(" | ").append(t);
                }
                lines.add(sb.toString());
            }
        };
        appender.start();
        LoggerConfig root = config.getRootLogger();
        rootLevel = root.getLevel();
        root.addAppender(appender, Level.ALL, null);
        root.setLevel(Level.INFO);
        LoggerConfig pv = config.getLoggerConfig("dev.photovault");
        photovaultLevel = pv.getLevel();
        if (pv != root) {
            pv.setLevel(Level.DEBUG);
        } else {
            config.addLogger("dev.photovault", new LoggerConfig("dev.photovault", Level.DEBUG, true));
        }
        ctx.updateLoggers();
    }

    /** Every line so far. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** All lines as one text. */
    public String text() {
        return String.join("\n", lines);
    }

    @Override
    public void close() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration config = ctx.getConfiguration();
        LoggerConfig root = config.getRootLogger();
        root.removeAppender(appender.getName());
        root.setLevel(rootLevel);
        LoggerConfig pv = config.getLoggerConfig("dev.photovault");
        if (pv != root) {
            pv.setLevel(photovaultLevel);
        }
        ctx.updateLoggers();
        appender.stop();
    }
}
