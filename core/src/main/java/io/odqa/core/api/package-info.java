/** Wire types shared by every service's REST API. */
package io.odqa.core.api;
