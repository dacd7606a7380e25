/**
 * The desktop app for therapists ({@code entrain gui}): a Swing front end over
 * {@link org.entrain.session.Session}. It holds no engine, detection or analysis logic of its
 * own: it turns the forms into the options of {@code entrain session}, shows what the session's
 * listener reports, and lists the session folders it wrote. Every call that can block (opening
 * devices, starting and stopping a session, calibrating, listing folders) runs off the event
 * dispatch thread.
 */
package org.entrain.gui;
