package io.parley.query.support;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lets a test take the database away and bring it back: while it is "down", every request for a connection fails
 * the way an unreachable server does. Added to the service under test through {@code spring.main.sources}.
 */
@Configuration(proxyBeanMethods = false)
public class SwitchableDatabase {

    private static volatile boolean down;
    private static final AtomicInteger refusedToIntake = new AtomicInteger();

    public static void goDown() {
        down = true;
    }

    /** How many times the Kafka listener's threads were refused a connection. */
    public static int refusedToIntake() {
        return refusedToIntake.get();
    }

    public static void comeBack() {
        down = false;
    }

    @Bean
    static BeanPostProcessor switchableDataSource() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof DataSource dataSource ? new Switch(dataSource) : bean;
            }
        };
    }

    private static final class Switch extends DelegatingDataSource {
        Switch(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            refuseWhenDown();
            return super.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            refuseWhenDown();
            return super.getConnection(username, password);
        }

        private static void refuseWhenDown() throws SQLTransientConnectionException {
            if (down) {
                if (Thread.currentThread().getName().startsWith("parley-intake")) {
                    refusedToIntake.incrementAndGet();
                }
                throw new SQLTransientConnectionException("test: the database is unreachable");
            }
        }
    }
}
