package io.parley.support.problem;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;

/** Both services answer errors that never reach a controller as problems ({@link ProblemErrorController}). */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ProblemConfiguration {

    @Bean
    ProblemErrorController problemErrorController() {
        return new ProblemErrorController();
    }
}
