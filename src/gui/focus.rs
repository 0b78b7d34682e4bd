//! Buttons that Tab reaches: iced 0.14's buttons take no keyboard focus, so the keyboard could
//! only visit text fields. This wrapper joins the focus chain (`focus_next`/`focus_previous`),
//! draws a visible ring while focused, and presses on Enter or Space.

use iced::advanced::layout::{self, Layout};
use iced::advanced::renderer::{self, Quad};
use iced::advanced::widget::operation::{Focusable as FocusState, Operation};
use iced::advanced::widget::tree::{self, Tree};
use iced::advanced::widget::{Id, Widget};
use iced::advanced::{Clipboard, Shell, mouse};
use iced::keyboard::{self, key::Named};
use iced::{Border, Color, Element, Event, Length, Rectangle, Size, Theme};

pub struct Focusable<'a, M> {
    content: Element<'a, M>,
    on_press: Option<M>,
}

/// Makes `content` (a button) reachable with Tab; `on_press` is what Enter or Space does.
pub fn focusable<'a, M: Clone + 'a>(
    content: impl Into<Element<'a, M>>,
    on_press: Option<M>,
) -> Focusable<'a, M> {
    Focusable {
        content: content.into(),
        on_press,
    }
}

/// `button(…).tab(message)`: the button's press, reachable with Tab.
pub trait Tab<'a, M> {
    fn tab(self, on_press: M) -> Focusable<'a, M>;
    fn tab_maybe(self, on_press: Option<M>) -> Focusable<'a, M>;
}

impl<'a, M: Clone + 'a> Tab<'a, M> for iced::widget::Button<'a, M> {
    fn tab(self, on_press: M) -> Focusable<'a, M> {
        focusable(self.on_press(on_press.clone()), Some(on_press))
    }

    fn tab_maybe(self, on_press: Option<M>) -> Focusable<'a, M> {
        focusable(self.on_press_maybe(on_press.clone()), on_press)
    }
}

#[derive(Default)]
struct State {
    focused: bool,
}

impl FocusState for State {
    fn is_focused(&self) -> bool {
        self.focused
    }
    fn focus(&mut self) {
        self.focused = true;
    }
    fn unfocus(&mut self) {
        self.focused = false;
    }
}

impl<M: Clone> Widget<M, Theme, iced::Renderer> for Focusable<'_, M> {
    fn size(&self) -> Size<Length> {
        self.content.as_widget().size()
    }

    fn size_hint(&self) -> Size<Length> {
        self.content.as_widget().size_hint()
    }

    fn layout(
        &mut self,
        tree: &mut Tree,
        renderer: &iced::Renderer,
        limits: &layout::Limits,
    ) -> layout::Node {
        self.content
            .as_widget_mut()
            .layout(&mut tree.children[0], renderer, limits)
    }

    fn tag(&self) -> tree::Tag {
        tree::Tag::of::<State>()
    }

    fn state(&self) -> tree::State {
        tree::State::new(State::default())
    }

    fn children(&self) -> Vec<Tree> {
        vec![Tree::new(&self.content)]
    }

    fn diff(&self, tree: &mut Tree) {
        tree.diff_children(std::slice::from_ref(&self.content));
    }

    fn operate(
        &mut self,
        tree: &mut Tree,
        layout: Layout<'_>,
        renderer: &iced::Renderer,
        operation: &mut dyn Operation,
    ) {
        // Only a button that does something joins the focus chain.
        if self.on_press.is_some() {
            let state = tree.state.downcast_mut::<State>();
            operation.focusable(None::<&Id>, layout.bounds(), state);
        }
        self.content
            .as_widget_mut()
            .operate(&mut tree.children[0], layout, renderer, operation);
    }

    fn update(
        &mut self,
        tree: &mut Tree,
        event: &Event,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        renderer: &iced::Renderer,
        clipboard: &mut dyn Clipboard,
        shell: &mut Shell<'_, M>,
        viewport: &Rectangle,
    ) {
        let state = tree.state.downcast_mut::<State>();
        match event {
            Event::Keyboard(keyboard::Event::KeyPressed {
                key: keyboard::Key::Named(Named::Enter | Named::Space),
                ..
            }) if state.focused => {
                if let Some(m) = &self.on_press {
                    shell.publish(m.clone());
                    shell.capture_event();
                    return;
                }
            }
            // A click elsewhere takes the focus away, as it does from a text field.
            Event::Mouse(mouse::Event::ButtonPressed(_)) if state.focused => {
                state.focused = cursor.is_over(layout.bounds());
                shell.request_redraw();
            }
            _ => {}
        }
        self.content.as_widget_mut().update(
            &mut tree.children[0],
            event,
            layout,
            cursor,
            renderer,
            clipboard,
            shell,
            viewport,
        );
    }

    fn draw(
        &self,
        tree: &Tree,
        renderer: &mut iced::Renderer,
        theme: &Theme,
        style: &renderer::Style,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
    ) {
        self.content.as_widget().draw(
            &tree.children[0],
            renderer,
            theme,
            style,
            layout,
            cursor,
            viewport,
        );
        if tree.state.downcast_ref::<State>().focused {
            use iced::advanced::Renderer as _;
            let b = layout.bounds().expand(3.0);
            renderer.fill_quad(
                Quad {
                    bounds: b,
                    border: Border {
                        color: theme.extended_palette().primary.strong.color,
                        width: 2.0,
                        radius: 6.0.into(),
                    },
                    ..Quad::default()
                },
                Color::TRANSPARENT,
            );
        }
    }

    fn mouse_interaction(
        &self,
        tree: &Tree,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
        renderer: &iced::Renderer,
    ) -> mouse::Interaction {
        self.content.as_widget().mouse_interaction(
            &tree.children[0],
            layout,
            cursor,
            viewport,
            renderer,
        )
    }
}

impl<'a, M: Clone + 'a> From<Focusable<'a, M>> for Element<'a, M> {
    fn from(f: Focusable<'a, M>) -> Self {
        Element::new(f)
    }
}
